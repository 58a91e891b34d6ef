"""What the admin's forms post, as an officer's browser would send them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

# The "Form" tab of a consultation or event that takes no submissions online.
NO_FORM = {
    "form_fields": inline_formset([]),
    "thank_you_text": "",
    "notify_to": "",
    "publish_comments": "",
    "privacy_notice": "",
    "lawful_basis": "public_task",
    "retention_days": "365",
}


def project_form_data(beneficiary_id, title, slug="", summary="Резюме на проекта."):
    """What the admin's project page form posts."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": summary,
            "project_code": "BG05SFOP001-2.025-0099-C01",
            "programme": "Оперативна програма „Добро управление“",
            "fund": "Европейски социален фонд",
            "cofinancing_statement": "Съфинансиран от ЕС.",
            "beneficiary": beneficiary_id,
            "start_date": "2021-01-01",
            "end_date": "2021-12-31",
            "budget": "120000.50",
            "main_aim": "Повече граждани в общинските решения.",
            "objectives": streamfield([("item", "Обучения за граждани")]),
            "target_groups": streamfield([]),
            "strategic_aims": streamfield([]),
            "results": streamfield([]),
            "body": streamfield([]),
            "partners": inline_formset([]),
            "documents": inline_formset([]),
            "indicators": inline_formset([]),
            "action-publish": "publish",
        }
    )


def slug_the_admin_fills_in(html, title):
    """The slug Wagtail's `w-slug` controller types into the add form for `title`: the
    form's own formatters (data-w-slug-formatters-value) applied in order, then the
    controller's urlify clean-up (lower case, word characters, dashes)."""
    import html as html_module
    import json
    import re

    attribute = re.search(r'data-w-slug-formatters-value="([^"]*)"', html)
    assert attribute, "the slug input carries no formatters"
    value = title.strip()
    for (pattern, flags), replacement in json.loads(html_module.unescape(attribute.group(1))):
        value = re.sub(pattern, replacement, value, flags=re.IGNORECASE if "i" in flags else 0)
    value = re.sub(r"[^-\w\s]", "", value.lower(), flags=re.ASCII)
    return re.sub(r"[-\s]+", "-", value).strip("-")
