"""`{% civic_form form %}`: a civic form page's form, laid out by crispy-forms.

Laying out a form takes longer than the rest of the page around it, and an empty form
is the same for every visitor but for two values: the CSRF token and the spam defence's
signed "form shown at" token. So an empty form is rendered once per page and language
with placeholders for both, kept until content changes (pages.page_cache), and each
visitor's own values are filled in. A form with the citizen's answers or errors is
always rendered afresh."""

from crispy_forms.utils import render_crispy_form
from django import template
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.safestring import mark_safe

from civic_core.cache import memo
from forms_ext.spam import TOKEN_FIELD

register = template.Library()

CSRF_PLACEHOLDER = "__CIVIC_FORM_CSRF__"
TOKEN_PLACEHOLDER = "__CIVIC_FORM_TOKEN__"


@register.simple_tag(takes_context=True)
def civic_form(context, form):
    request = context.get("request")
    page = context.get("page")
    fresh = form.is_bound or form.initial.keys() - {TOKEN_FIELD}  # answers, or some a link chose: never kept
    if fresh or request is None or getattr(page, "pk", None) is None or getattr(request, "is_preview", False):
        return render_crispy_form(form, form.helper, context.flatten())

    token = form.initial.get(TOKEN_FIELD, "")

    def build():
        form.initial[TOKEN_FIELD] = TOKEN_PLACEHOLDER
        try:
            return str(render_crispy_form(form, form.helper, {**context.flatten(), "csrf_token": CSRF_PLACEHOLDER}))
        finally:
            form.initial[TOKEN_FIELD] = token

    key = f"civic-form:{page.pk}:{translation.get_language()}:{request.get_host()}"
    html = memo(key, build)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)).replace(TOKEN_PLACEHOLDER, token))


@register.simple_tag(takes_context=True)
def public_comments(context):
    """The page's published comments, rendered once per page and language and kept until
    content changes (publishing, editing or withdrawing a comment is such a change)."""
    from django.template.loader import render_to_string

    page = context.get("page")
    request = context.get("request")

    def build():
        return render_to_string(
            "forms_ext/includes/public_comments.html",
            {"page": page, "published_comments": context.get("published_comments")},
        )

    if not getattr(page, "publish_comments", False):
        return ""
    if getattr(page, "pk", None) is None or request is None or getattr(request, "is_preview", False):
        return build()

    return mark_safe(memo(f"comments:{page.pk}:{translation.get_language()}", build))
