"""The groups a small team runs a campaign with, built on Wagtail's page permissions and
forms_ext's two permissions over citizens' input (forms_ext.permissions).

The suite offers them; a site creates them with `manage.py civic_roles` (or by calling
`create_groups(apps)` from a data migration of its own, as the Sliven site does), so an
adopter's database gets no group it did not ask for. Running it again completes the
groups and changes nothing else.

- **Communications officers** create, edit and publish every page and snippet (topics,
  organisations, site contacts, the EU funding notice, recommendations), images and
  documents; they see citizens' input, moderate it and manage registrations. They need
  no superuser and no second person for daily work.
- **Moderators** see citizens' input, moderate it and manage registrations; they edit
  no page.
- **Translators** edit and publish the translated trees and translate snippets; never
  a page or snippet in the source language, never what citizens sent.

Wagtail's stock groups: "Moderators" becomes the role above (it loses page editing);
"Editors", whose members could only submit pages for someone else's approval, is
removed, and Wagtail's default "Moderators approval" workflow is taken off the tree. An
administrator who wants a second pair of eyes on a section assigns a workflow to it
(Settings → Workflows), and officers then submit that section's pages for approval.
"""

from django.conf import settings

OFFICERS = "Communications officers"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
STOCK_EDITORS = "Editors"

# (app label, model) of every snippet and settings model officers keep.
OFFICER_SNIPPETS = [
    ("pages", "topic"),
    ("pages", "organisation"),
    ("pages", "sitecontact"),
    ("pages", "eufundingnotice"),
    ("pages", "recommendation"),
]
# Images and documents are granted per collection, on the root collection.
OFFICER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", f"{action}_image") for action in ("add", "change", "choose", "delete")
] + [("wagtaildocs", "document", f"{action}_document") for action in ("add", "change", "choose", "delete")]
OFFICER_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    *[
        (app_label, model, f"{action}_{model}")
        for app_label, model in OFFICER_SNIPPETS
        for action in ("add", "change", "delete", "view")
    ],
]
OFFICER_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "view_citizens_input_page",
    "moderate_citizens_input_page",
]

MODERATOR_MODEL_PERMISSIONS = [("wagtailadmin", "admin", "access_admin")]
MODERATOR_PAGE_PERMISSIONS = ["view_citizens_input_page", "moderate_citizens_input_page"]

TRANSLATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    *[
        (app_label, model, f"{action}_{model}")
        for app_label, model in OFFICER_SNIPPETS
        for action in ("change", "view")
    ],
]
TRANSLATED_TREE_PERMISSIONS = ["change_page", "publish_page"]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )[0]


def _page_permissions(apps, codenames):
    return [_permission(apps, "wagtailcore", "page", codename) for codename in codenames]


def create_groups(apps=None):
    """Create or complete the three groups; `apps` is a migration's app registry, or None
    for the running project's."""
    if apps is None:
        from django.apps import apps
    from forms_ext.permissions import create_permissions

    create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.filter(depth=1).first()

    def grant(group, model_permissions, page_permissions, pages):
        group.permissions.add(*(_permission(apps, *row) for row in model_permissions))
        for page in pages:
            for permission in _page_permissions(apps, page_permissions):
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)

    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    grant(officers, OFFICER_MODEL_PERMISSIONS, OFFICER_PAGE_PERMISSIONS, [root] if root else [])
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for row in OFFICER_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=officers, collection=root_collection, permission=_permission(apps, *row)
            )

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    # Wagtail's stock group of that name edited and published every page: no longer.
    GroupPagePermission.objects.filter(group=moderators).exclude(
        permission__codename__in=MODERATOR_PAGE_PERMISSIONS
    ).delete()
    moderators.permissions.clear()
    moderators.collection_permissions.all().delete()
    grant(moderators, MODERATOR_MODEL_PERMISSIONS, MODERATOR_PAGE_PERMISSIONS, [root] if root else [])

    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    translated_roots = Page.objects.filter(depth=2).exclude(locale=source)
    grant(translators, TRANSLATOR_MODEL_PERMISSIONS, TRANSLATED_TREE_PERMISSIONS, translated_roots)

    Group.objects.filter(name=STOCK_EDITORS).delete()
    _remove_default_workflow(apps)


def _remove_default_workflow(apps):
    """Wagtail's "Moderators approval" workflow on the root made every change wait for
    a second person; an administrator assigns a workflow per section instead."""
    try:
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    except LookupError:
        return
    WorkflowPage.objects.filter(page__depth=1, workflow__name="Moderators approval").delete()
