"""What bumps the content version. Wagtail's own page events are connected here, for
every page of every app; each app adds the models it shows on many pages with
`bump_on_change` (pages: its snippets; forms_ext: published comments)."""

from django.db.models.signals import post_delete, post_save

from civic_core.cache.store import bump_version


def connect_page_events():
    """A publish, unpublish, move, slug change or delete of any page, in any language."""
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(bump_version, dispatch_uid="civic_cache_published")
    page_unpublished.connect(bump_version, dispatch_uid="civic_cache_unpublished")
    post_page_move.connect(bump_version, dispatch_uid="civic_cache_moved")
    page_slug_changed.connect(bump_version, dispatch_uid="civic_cache_slug")
    post_delete.connect(bump_version, sender=Page, dispatch_uid="civic_cache_deleted")
    # Host names and root pages decide every URL; a view restriction decides who may see
    # a page (whether a page is private is itself kept until the version changes).
    bump_on_change(Site, PageViewRestriction)


def bump_on_change(*models):
    """Bump the version whenever one of `models` is saved or deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(bump_version, sender=model, dispatch_uid=f"civic_cache_save_{label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"civic_cache_delete_{label}")
