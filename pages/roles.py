"""The groups a small team runs a campaign with, built on Wagtail's page permissions and
forms_ext's two permissions over citizens' input (forms_ext.permissions).

The suite offers them; a site creates them with `manage.py civic_roles` (or by calling
`create_groups(apps)` from a data migration of its own, as the Sliven site does, and
`seed_demo` runs it again), so an adopter's database gets no group it did not ask for.
Running it again puts the three groups back to what is described here (a permission
added or removed by hand in Settings → Groups is undone: a group of one's own is the
place for exceptions) and changes nothing else.

- **Communications officers** create, edit and publish every page and snippet (topics,
  organisations, site contacts, the EU funding notice, recommendations), images,
  documents and their collections; they see citizens' input, moderate it and manage
  registrations. They need no superuser and no second person for daily work.
- **Moderators** see citizens' input, moderate it and manage registrations; they edit
  no page. They are also the second pair of eyes of the two-person approval below.
- **Translators** edit and publish the translated trees and translate snippets; never
  a page or snippet in the source language, never what citizens sent.

Wagtail's stock groups: "Moderators" *is* the Moderators role above (its members lose
page editing and publishing; give them *Communications officers* too if they publish).
"Editors", whose members could only submit pages for someone else's approval, is deleted
when nobody is in it (a fresh site); with members it is left as it is, and `civic_roles`
says so, for an administrator to move them into *Communications officers* and delete it.
Wagtail's default "Moderators approval" workflow is taken off the whole tree.

Two-person approval, off by default: `civic_roles --two-person-approval <section>` puts
the "Moderators approval" workflow (one task, approved by the Moderators group) on a
section. There, an officer who is not a moderator cannot publish: the Publish button
gives way to "Submit", a publish request saves the draft and says why, and a moderator
approves (which publishes). Superusers and Moderators members still publish directly.
`--no-two-person-approval <section>` switches it off again. The same rule holds for any
workflow an administrator assigns in Settings → Workflows.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

OFFICERS = "Communications officers"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
STOCK_EDITORS = "Editors"
# The workflow of the two-person approval, named in the site's language when it is made
# (Wagtail's own data migration makes one of this English name for its Moderators group).
APPROVAL_WORKFLOW = N_("Moderators approval")
APPROVAL_TASK = N_("Moderators approval")

# (app label, model) of every snippet and settings model officers keep.
OFFICER_SNIPPETS = [
    ("pages", "topic"),
    ("pages", "organisation"),
    ("pages", "sitecontact"),
    ("pages", "eufundingnotice"),
    ("pages", "recommendation"),
]
# Images, documents and collections are granted per collection, on the root collection.
OFFICER_COLLECTION_PERMISSIONS = [
    *[("wagtailimages", "image", f"{action}_image") for action in ("add", "change", "choose", "delete")],
    *[("wagtaildocs", "document", f"{action}_document") for action in ("add", "change", "choose", "delete")],
    *[("wagtailcore", "collection", f"{action}_collection") for action in ("add", "change")],
]
OFFICER_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("pages", "evidencepack", "manage_evidence"),  # build and download evidence packs (docs/evidence.md)
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

# On each section with the two-person approval, for the approval to publish.
APPROVER_PAGE_PERMISSIONS = ["publish_page"]

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
    """Create the three groups, or put them back to what this module describes; `apps` is
    a migration's app registry, or None for the running project's. Returns what an
    administrator should know (sentences, in English: the command prints them)."""
    if apps is None:
        from django.apps import apps
    from forms_ext.permissions import create_permissions

    create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def exactly(group, model_permissions, page_grants, collection_permissions=()):
        """The group's rights become these, and only these; `page_grants` is
        [(pages, page permission codenames)]."""
        group.permissions.set([_permission(apps, *row) for row in model_permissions])
        wanted = set()
        for pages, codenames in page_grants:
            for page in pages:
                for permission in _page_permissions(apps, codenames):
                    row, _ = GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
                    wanted.add(row.pk)
        GroupPagePermission.objects.filter(group=group).exclude(pk__in=wanted).delete()
        wanted = set()
        if root_collection is not None:
            for row in collection_permissions:
                wanted.add(
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=_permission(apps, *row)
                    )[0].pk
                )
        GroupCollectionPermission.objects.filter(group=group).exclude(pk__in=wanted).delete()

    roots = [root] if root else []
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    exactly(officers, OFFICER_MODEL_PERMISSIONS, [(roots, OFFICER_PAGE_PERMISSIONS)], OFFICER_COLLECTION_PERMISSIONS)
    # Wagtail's stock group of that name edited and published every page: no longer. It
    # publishes only what it approves, in the sections with the two-person approval
    # (Wagtail publishes an approved page as the approver, who needs the right).
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    _remove_default_workflow(apps)
    exactly(
        moderators,
        MODERATOR_MODEL_PERMISSIONS,
        [(roots, MODERATOR_PAGE_PERMISSIONS), (_approval_sections(apps), APPROVER_PAGE_PERMISSIONS)],
    )
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    translated_roots = Page.objects.filter(depth=2).exclude(locale=source)
    exactly(translators, TRANSLATOR_MODEL_PERMISSIONS, [(translated_roots, TRANSLATED_TREE_PERMISSIONS)])

    notes = []
    editors = Group.objects.filter(name=STOCK_EDITORS).first()
    if editors is not None:
        User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
        members = User.objects.filter(groups=editors).count()
        if members:
            notes.append(
                f"Wagtail's stock group {STOCK_EDITORS!r} has {members} member(s), so it was left as it is: "
                f"move them into {OFFICERS!r} (who publish) and delete it in Settings → Groups."
            )
        else:
            editors.delete()
    return notes


def _approval_sections(apps):
    """The pages with the two-person approval workflow."""
    try:
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    except LookupError:
        return []
    rows = WorkflowPage.objects.filter(workflow__name__in=_approval_names(APPROVAL_WORKFLOW), workflow__active=True)
    return [row.page for row in rows.select_related("page")]


def _remove_default_workflow(apps):
    """Wagtail's "Moderators approval" workflow on the root made every change wait for
    a second person; an administrator switches it on per section instead."""
    try:
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    except LookupError:
        return
    WorkflowPage.objects.filter(page__depth=1, workflow__name__in=_approval_names(APPROVAL_WORKFLOW)).delete()


def _approval_names(name):
    with translation.override(settings.LANGUAGE_CODE):
        return {name, gettext(name)}


# Two-person approval ------------------------------------------------------------------
def approval_workflow():
    """The "Moderators approval" workflow (Wagtail's stock one, or one made now), active,
    named in the site's language, with one task approved by the Moderators group."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    with translation.override(settings.LANGUAGE_CODE):
        workflow_name, task_name = gettext(APPROVAL_WORKFLOW), gettext(APPROVAL_TASK)
    moderators = Group.objects.get(name=MODERATORS)
    workflow = Workflow.objects.filter(name__in=_approval_names(APPROVAL_WORKFLOW)).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name)
    workflow.name, workflow.active = workflow_name, True
    workflow.save()
    task = GroupApprovalTask.objects.filter(
        pk__in=WorkflowTask.objects.filter(workflow=workflow).values("task_id")
    ).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task.name, task.active = task_name, True
    task.save()
    task.groups.set([moderators])
    return workflow


def section(reference):
    """The page a reference names: its id, or its path on the default site as a visitor
    sees it ("/konsultatsii/", "/en/consultations/"). None when there is no such page."""
    from wagtail.models import Locale, Page, Site

    reference = str(reference).strip()
    if reference.isdigit():
        return Page.objects.filter(pk=int(reference)).first()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first() or Site.objects.first()
    if site is None:
        return None
    parts = [part for part in reference.split("/") if part]
    home = site.root_page
    languages = {code for code, _name in settings.LANGUAGES}
    if parts and parts[0] in languages:
        locale = Locale.objects.filter(language_code=parts.pop(0)).first()
        home = home.get_translation_or_none(locale) if locale else None
        if home is None:
            return None
    url_path = home.url_path + "".join(f"{part}/" for part in parts)
    return Page.objects.filter(url_path=url_path, path__startswith=home.path).first()


def switch_two_person_approval(page, on=True):
    """Put the approval workflow on `page`'s section, or take it off."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    moderators = Group.objects.get(name=MODERATORS)
    publish = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=APPROVER_PAGE_PERMISSIONS)
    if on:
        workflow = approval_workflow()
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        for permission in publish:
            GroupPagePermission.objects.get_or_create(group=moderators, page=page, permission=permission)
    else:
        WorkflowPage.objects.filter(page=page, workflow__name__in=_approval_names(APPROVAL_WORKFLOW)).delete()
        GroupPagePermission.objects.filter(group=moderators, page=page, permission__in=publish).delete()


def sections_with_approval():
    """The pages at the top of a section that has a workflow, with its name."""
    from wagtail.models import WorkflowPage

    return [(row.page, row.workflow.name) for row in WorkflowPage.objects.select_related("page", "workflow")]


def must_submit_for_approval(user, page):
    """Whether `user` may not publish `page` (or a new page below it) straight away: its
    section has an active workflow and the user approves none of its tasks."""
    if user.is_superuser or page is None:
        return False
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        return False
    from wagtail.models import GroupApprovalTask

    approvers = GroupApprovalTask.objects.filter(
        active=True, workflow_tasks__workflow=workflow, groups__user=user
    ).exists()
    return not approvers


# The hooks that hold the rule in the admin (registered in pages.wagtail_hooks) ---------
def hide_publish_where_approval_is_needed(menu_items, request, context):
    """construct_page_action_menu: no Publish button where the page waits for approval
    (Wagtail's "Submit to …" takes its place)."""
    page = context.get("page") if context.get("view") != "create" else context.get("parent_page")
    if must_submit_for_approval(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


APPROVAL_NEEDED = N_(
    "Pages in this section are published after a moderator approves them. The draft is saved: submit it for approval."
)


def save_draft_where_approval_is_needed(request, page):
    """before_edit_page and before_create_page (`page` is the parent there): a request to
    publish where the page waits for approval (a stale form, a script) saves the draft
    instead, and says why."""
    if request.method != "POST" or not request.POST.get("action-publish"):
        return None
    if not must_submit_for_approval(request.user, page):
        return None
    from django.contrib import messages

    request.POST = request.POST.copy()
    del request.POST["action-publish"]
    messages.warning(request, gettext(APPROVAL_NEEDED))
    return None


def keep_draft_where_approval_is_needed(request, page):
    """before_publish_page, should a publish get this far: the page is left as a draft
    (a new page, which Wagtail has just created live, is taken offline again)."""
    if not must_submit_for_approval(request.user, page):
        return None
    from django.contrib import messages
    from django.shortcuts import redirect

    if page.live and page.first_published_at is None:
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.warning(request, gettext(APPROVAL_NEEDED))
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_bulk_publish_where_approval_is_needed(request, action_type, objects, action_class_instance):
    """before_bulk_action: the page listing's bulk Publish does not bypass the approval."""
    if action_type != "publish" or not any(
        must_submit_for_approval(request.user, page) for page in objects if hasattr(page, "get_workflow")
    ):
        return None
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    messages.error(
        request,
        gettext("Some of these pages are published only after a moderator approves them: submit each for approval."),
    )
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("wagtailadmin_explore_root")


def copy_unpublished_where_approval_is_needed(request, page):
    """before_copy_page: copies made into a section that waits for approval stay drafts."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    from wagtail.models import Page

    parent_id = request.POST.get("new_parent_page") or page.get_parent().pk
    parent = Page.objects.filter(pk=parent_id).first() if str(parent_id).isdigit() else None
    if parent is not None and must_submit_for_approval(request.user, parent):
        request.POST = request.POST.copy()
        del request.POST["publish_copies"]
    return None
