"""Who may see and act on what citizens sent.

Two permissions, granted like Wagtail's own page permissions, per page tree (Settings →
Groups → Page permissions), and checked on every screen that shows or changes what
citizens sent:

- *view citizens' input* (`view_citizens_input_page`): the submissions of a form, its
  statistics, uploaded files, held submissions and registrations;
- *moderate* (`moderate_citizens_input_page`): publish or reject comments and write the
  official replies, release or delete held submissions, change or delete submissions and
  registrations.

Submissions from every language are kept on the form page in the default language, so
both are always checked on that page (and its ancestors): a right on a translated tree,
a translator's for instance, never shows anyone a citizen's data. Editing a page gives
neither permission; superusers have both.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies import ModelPermissionPolicy

from civic_core.locales import default_locale

VIEW = "view_citizens_input"
MODERATE = "moderate_citizens_input"
# (action, short label, long label), as Wagtail's PAGE_PERMISSION_TYPES.
PAGE_PERMISSION_TYPES = [
    (
        VIEW,
        _("Citizens' input"),
        _("See what citizens sent through these pages' forms: submissions, files, statistics, registrations"),
    ),
    (
        MODERATE,
        _("Moderate"),
        _("Publish citizens' comments and official replies, release held submissions, manage registrations"),
    ),
]


def codename(action):
    return f"{action}_page"


def register_page_permission_types():
    """Show both permissions as columns of the group editor's page permissions, beside
    Wagtail's own (which reads its list of page permission types when it renders)."""
    from wagtail.models import pages

    known = {row[0] for row in pages.PAGE_PERMISSION_TYPES}
    pages.PAGE_PERMISSION_TYPES.extend(row for row in PAGE_PERMISSION_TYPES if row[0] not in known)


def create_permissions(apps=None, **kwargs):
    """The two Permission rows, on Wagtail's page content type (a post_migrate receiver,
    or called from a data migration with its `apps`)."""
    if apps is None or not hasattr(apps, "get_model"):
        from django.apps import apps
    try:
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for action, _short, long_label in PAGE_PERMISSION_TYPES:
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename(action), defaults={"name": str(long_label)[:255]}
        )


def _grant_paths(user, action):
    """The tree paths below which `user` holds `action`, read once per user object."""
    cache_name = f"_forms_ext_grants_{action}"
    paths = getattr(user, cache_name, None)
    if paths is None:
        paths = list(
            GroupPagePermission.objects.filter(group__user=user, permission__codename=codename(action))
            .values_list("page__path", flat=True)
            .distinct()
        )
        setattr(user, cache_name, paths)
    return paths


def _is_staff_user(user):
    return user is not None and user.is_active and user.is_authenticated


def has_any(user, action):
    """Whether `user` holds `action` anywhere (to show a menu item or a listing at all)."""
    if not _is_staff_user(user):
        return False
    return user.is_superuser or bool(_grant_paths(user, action))


def _source_page(page):
    """The default-language page whose submissions `page` shows (itself, for a page in
    the default language or one with no such translation)."""
    if not isinstance(page, Page):
        page = Page.objects.filter(pk=page).only("pk", "path", "locale_id", "translation_key").first()
        if page is None:
            return None
    default = default_locale()
    if page.locale_id == default.pk:
        return page
    return Page.objects.filter(translation_key=page.translation_key, locale=default).only("pk", "path").first()


def can(user, action, page):
    """Whether `user` may `action` on the input sent through `page` (a page or its id),
    judged on the page in the default language."""
    if not _is_staff_user(user):
        return False
    source = _source_page(page)
    if source is None:
        return False
    if user.is_superuser:
        return True
    return any(source.path.startswith(path) for path in _grant_paths(user, action))


def pages_with(user, action):
    """The pages in the default language on which `user` holds `action`."""
    if not _is_staff_user(user):
        return Page.objects.none()
    pages = Page.objects.filter(locale=default_locale())
    if user.is_superuser:
        return pages
    paths = _grant_paths(user, action)
    if not paths:
        return Page.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return pages.filter(condition)


def form_pages(user, action=VIEW):
    """The form pages in the default language whose input `user` may `action`."""
    from wagtail.contrib.forms.utils import get_form_types

    return pages_with(user, action).filter(content_type__in=get_form_types())


def page_ids(user, action=VIEW):
    return pages_with(user, action).values("pk")


class CitizensInputPermissionPolicy(ModelPermissionPolicy):
    """For the admin screens over what citizens sent (moderation queue, registrations,
    held submissions): whoever may see some form's input opens them, and each screen
    shows only those forms' rows; changing or deleting a row takes *moderate* on its
    page. Nobody adds rows by hand."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action in ("change", "delete"):
            return has_any(user, MODERATE)
        return has_any(user, VIEW)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        needed = MODERATE if action in ("change", "delete") else VIEW
        return action != "add" and can(user, needed, instance.page_id)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        needed = MODERATE if set(actions) <= {"change", "delete"} else VIEW
        return self.model._default_manager.filter(page_id__in=page_ids(user, needed))
