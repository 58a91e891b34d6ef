"""The people who use the admin, one per role (pages.roles makes the groups)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission, Page

from pages import roles

ROLE_GROUPS = {
    "officer": roles.OFFICERS,
    "moderator": roles.MODERATORS,
    "translator": roles.TRANSLATORS,
}


def user(username, *groups, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    person = User.objects.create_user(username, f"{username}@example.org", "pw")
    for group in groups:
        person.groups.add(group if isinstance(group, Group) else Group.objects.get(name=group))
    return person


def in_role(role, username=None):
    """A member of the group behind `role` ("officer", "moderator", "translator")."""
    return user(username or role, ROLE_GROUPS[role])


def group_with(name, page_permissions=(), model_permissions=("access_admin",)):
    """A group of its own: `page_permissions` is [(page, [codename, …])]."""
    group = Group.objects.create(name=name)
    group.permissions.add(*Permission.objects.filter(codename__in=model_permissions))
    for page, codenames in page_permissions:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group,
                page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    return group


def editor_of_everything(username="editor"):
    """Someone who may edit and publish every page, in every language, and nothing more:
    editing pages gives no right over what citizens sent."""
    root = Page.get_first_root_node()
    return user(username, group_with(f"{username} group", [(root, ["add_page", "change_page", "publish_page"])]))


def logged_in(person):
    client = Client()
    if person is not None:
        client.force_login(person)
    return client
