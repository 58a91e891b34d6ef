"""What `make bench` measures: each endpoint with the control its ratio is read against."""


def endpoints(urls, cached):
    pages = [
        ("home", urls["home"]),
        ("project page", urls.get("project")),
        ("stock Wagtail page (control)", urls["stock_page"]),
        ("stock Wagtail form page (control)", urls["stock_form_page"]),
    ]
    for name, path in pages:
        if path:
            yield {"name": name, "path": path}
    yield {
        "name": "stock Wagtail form POST (control)",
        "method": "POST",
        "path": urls["stock_form_page"],
        "form_path": urls["stock_form_page"],
        "fields": urls["stock_form_fields"],
        "count_sql": "SELECT count(*) FROM wagtailforms_formsubmission",
    }
