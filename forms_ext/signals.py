"""Signals forms_ext sends, and its receivers that keep the page cache right."""

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import Signal

from civic_core import cache
from forms_ext.models import CivicSubmission

# Sent with `page` (the page in the default language), and `request` when there is one,
# when places at an event are taken or freed: pages showing "N places left" are out of date.
registrations_changed = Signal()


def connect_cache_receivers():
    registrations_changed.connect(cache.forget_page, dispatch_uid="forms_ext_forget_registration_page")
    _connect_published_comments()


def _connect_published_comments():
    """A comment an officer publishes, edits or withdraws shows at once; comments that
    are only received (pending moderation) change no page and keep the cache."""

    approved = CivicSubmission.Moderation.APPROVED

    def remember(sender, instance, **kwargs):
        # Only when loaded: reading a deferred field here would query once per row.
        status = instance.__dict__.get("moderation_status")
        instance._was_published = status == approved

    def bump_if_published(sender, instance, **kwargs):
        if instance.moderation_status == approved or getattr(instance, "_was_published", False):
            cache.bump_version()
        instance._was_published = instance.moderation_status == approved

    post_init.connect(remember, sender=CivicSubmission, weak=False, dispatch_uid="forms_ext_comment_init")
    post_save.connect(bump_if_published, sender=CivicSubmission, weak=False, dispatch_uid="forms_ext_comment_saved")
    post_delete.connect(bump_if_published, sender=CivicSubmission, weak=False, dispatch_uid="forms_ext_comment_deleted")


def connect_file_cleanup():
    """A citizen's files go with the row that holds them, whatever deletes it (an
    officer, the retention purge, a GDPR erasure, the deletion of the form's page), once
    the deletion is committed."""
    from forms_ext.models import CivicSubmission, HeldSubmission

    for model in (CivicSubmission, HeldSubmission):
        post_delete.connect(_delete_files, sender=model, dispatch_uid=f"forms_ext_files_{model._meta.model_name}")


def _delete_files(sender, instance, **kwargs):
    names = [name for name in (instance.files or {}).values() if name]
    if not names:
        return

    def delete():
        from forms_ext.fields import private_storage

        storage = private_storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)
