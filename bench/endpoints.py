"""What `make bench` measures: each endpoint with the control its ratio is read against.

GET pages without a form are read against the stock Wagtail page, pages with a form
against the stock Wagtail form page, and POSTs against a stock Wagtail form POST with
the same fields as the feedback form."""

STOCK_PAGE = "stock Wagtail page (control)"
STOCK_FORM = "stock Wagtail form page (control)"
STOCK_POST = "stock Wagtail form POST (control)"


def endpoints(urls, cached):
    yield {"name": STOCK_PAGE, "path": urls["stock_page"]}
    yield {"name": STOCK_FORM, "path": urls["stock_form_page"]}
    pages = [
        ("home", urls["home"], STOCK_PAGE),
        ("project page", urls.get("project"), STOCK_PAGE),
        ("open consultation (form, 50 comments)", urls.get("consultation"), STOCK_FORM),
        ("consultation index, filtered", urls.get("consultations_filtered"), STOCK_PAGE),
        ("event index (20 events)", urls.get("events_small"), STOCK_PAGE),
        ("event index (all events)", urls.get("events"), STOCK_PAGE),
        ("event page (registration form)", urls.get("event"), STOCK_FORM),
        ("best-practice index, filtered", urls.get("best_practices_filtered"), STOCK_PAGE),
        ("search", urls.get("search"), STOCK_PAGE),
        ("iCalendar feed of all events", urls.get("ics"), STOCK_PAGE),
        ("API v2 event listing", urls.get("api"), STOCK_PAGE),
    ]
    for name, path, control in pages:
        if path:
            endpoint = {"name": name, "path": path, "control": control}
            if name == "event index (all events)" and urls.get("events_small"):
                # The target: p50 with 2,000 children at most 1.3x p50 with 20 children.
                endpoint["p50_against"] = "event index (20 events)"
            yield endpoint
    yield {
        "name": STOCK_POST,
        "method": "POST",
        "path": urls["stock_form_page"],
        "form_path": urls["stock_form_page"],
        "fields": urls["stock_form_fields"],
        "count_sql": "SELECT count(*) FROM wagtailforms_formsubmission",
    }
    if urls.get("feedback"):
        yield {
            "name": "feedback form POST (valid)",
            "method": "POST",
            "path": urls["feedback"],
            "form_path": urls["feedback"],
            "fields": urls["feedback_fields"],
            "count_sql": "SELECT count(*) FROM forms_ext_civicsubmission",
            "control": STOCK_POST,
        }
    if urls.get("registration_event"):
        yield {
            "name": "event registration POST",
            "method": "POST",
            "path": urls["registration_event"],
            "form_path": urls["registration_event"],
            "fields": urls["registration_fields"],
            "count_sql": "SELECT count(*) FROM forms_ext_registration",
            "control": STOCK_POST,
        }
