"""The Translators group (pages.roles) edits and publishes every language tree except
the source language's. Its page permissions hang on
the language roots, which wagtail-localize creates when it syncs a new locale's tree:
this grants them as each root appears."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Locale, Page

from pages.roles import TRANSLATORS as TRANSLATORS_GROUP

TRANSLATED_TREE_PERMISSIONS = ["change_page", "publish_page"]


def grant_translated_tree(root):
    """Let translators edit and publish `root` and the pages below it."""
    group = Group.objects.filter(name=TRANSLATORS_GROUP).first()
    if group is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRANSLATED_TREE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def grant_new_language_root(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale_id != Locale.get_default().id:
        grant_translated_tree(instance)


def connect():
    post_save.connect(grant_new_language_root, dispatch_uid="pages_translators_new_language_root")
