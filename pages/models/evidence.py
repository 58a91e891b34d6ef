"""Evidence for the managing authority, kept by the site itself (docs/evidence.md).

- `PublicationRecord`: each publication of a public page, as it was published: the
  revision, its address on the public origin, when, and a PDF rendering of the page as an
  anonymous visitor saw it (pages.campaign.publication_proof renders it on the task queue).
- `EvidencePack`: one ZIP archive an officer builds for a period (pages.campaign.evidence_pack),
  with its progress while the task worker builds it.

Both files live in the private storage (forms_ext's "forms_private", outside the public
media), under `evidence/`: no public address reaches them, officers download them
through the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms_ext.fields import private_storage

EVIDENCE_DIR = "evidence"
# The right to build and download evidence packs (pages.roles gives it to officers).
PACK_PERMISSION = "pages.manage_evidence"


def evidence_storage():
    """The private storage: the same as citizens' uploads, never the public media."""
    return private_storage()


def _publication_path(record, filename):
    return f"{EVIDENCE_DIR}/publications/{record.published_at:%Y/%m}/{filename}"


def _pack_path(pack, filename):
    return f"{EVIDENCE_DIR}/packs/{filename}"


class PublicationRecord(models.Model):
    """One publication of a page, with the PDF of what visitors saw. Kept when the page is
    deleted (the evidence outlives it): its title and address are copied here."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being rendered")
        DONE = "done", _("Stored")
        FAILED = "failed", _("Rendering failed")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("revision"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    translation_key = models.UUIDField(db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published at"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    pdf = models.FileField(_("PDF"), storage=evidence_storage, upload_to=_publication_path, max_length=500, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("publication record")
        verbose_name_plural = _("publication records")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.published_at:%Y-%m-%d %H:%M})"

    @property
    def file_name(self):
        """The rendering's own name (without the folders), as the evidence pack lists it."""
        return self.pdf.name.rsplit("/", 1)[-1] if self.pdf else ""


class EvidencePack(models.Model):
    """A ZIP archive of the campaign's evidence for a period, built on the task queue."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the task worker")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    archive = models.FileField(_("archive"), storage=evidence_storage, upload_to=_pack_path, max_length=500, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    error = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("evidence pack")
        verbose_name_plural = _("evidence packs")
        ordering = ["-created_at", "-pk"]
        permissions = [("manage_evidence", _("Can build and download evidence packs"))]

    def __str__(self):
        return f"{self.date_from:%Y-%m-%d} – {self.date_to:%Y-%m-%d}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
