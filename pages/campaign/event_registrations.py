"""An event's registrations in the admin (forms_ext's per-page view): the button in the
event's menus of the page explorer, the links the view shows for an event (its sign-in
sheet, the signed scan) and the protection of that scan, which holds the participants'
names and signatures: only those who may see the event's registrations (forms_ext's
*view citizens' input*, judged on the page in the default language) download it."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forms_ext import permissions


def menu_buttons(page, user, *args, **kwargs):
    """ "Registrations" and "Sign-in sheet (PDF)" in an event's menus of the page explorer,
    for those who may see its registrations."""
    from wagtail.admin.widgets import Button

    from pages.models import EventPage

    if not issubclass(page.specific_class or type(page), EventPage):
        return
    if permissions.can(user, permissions.VIEW, page):
        yield Button(
            _("Registrations"),
            reverse("forms_ext_admin:page_registrations", args=[page.pk]),
            icon_name="user",
            priority=89,
        )
        yield Button(
            _("Sign-in sheet (PDF)"), reverse("event_sign_in_sheet", args=[page.pk]), icon_name="doc-full", priority=90
        )


def registration_links(page, user):
    """(label, url) for the registrations view of `page`: an event's sign-in sheet and,
    once uploaded, the signed scan of it."""
    from pages.models import EventPage

    if not isinstance(page, EventPage) or not permissions.can(user, permissions.VIEW, page):
        return []
    links = [(_("Sign-in sheet (PDF)"), reverse("event_sign_in_sheet", args=[page.pk]))]
    if page.signed_sign_in_sheet_id:
        links.append((_("Signed sign-in sheet"), page.signed_sign_in_sheet.url))
    return links


def refuse_signed_sheets_to_others(document, request):
    """Wagtail's before_serve_document: a document that is an event's signed sign-in sheet
    is served only to those who may see that event's registrations (in any language's
    page: they share one scan); anyone else gets 403, whatever the document's collection."""
    from pages.models import EventPage

    events = EventPage.objects.filter(signed_sign_in_sheet=document).only("pk", "path", "locale_id", "translation_key")
    if events and not any(permissions.can(request.user, permissions.VIEW, event) for event in events):
        raise PermissionDenied
