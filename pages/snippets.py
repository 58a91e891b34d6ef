"""Reusable content that is not a page: organisations and the site-wide texts an
officer edits under Settings (EU funding notice, contacts). All are translatable with
wagtail-localize: one row per locale, linked by translation_key."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from civic_core.locales import active_locale, default_locale


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality or public body")
        NGO = "ngo", _("Non-governmental organisation")
        BUSINESS = "business", _("Business or business association")
        COMMUNITY_CENTRE = "chitalishte", _("Community centre (chitalishte)")
        EDUCATION = "education", _("School or university")
        EU = "eu", _("EU institution or managing authority")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255, help_text=_("Full official name, e.g. Община Сливен."))
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("Abbreviation used in running text, e.g. РЦИР Сливен.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Shown next to the name; never larger than the EU emblem."),
    )
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("address"),
    ]
    # The admin's list searches within one language (its language filter).
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class LocalisedSingletonMixin:
    """A snippet with one row per language: `for_locale` returns the row for the active
    language, falling back to the default language's row."""

    @classmethod
    def for_locale(cls, locale=None):
        locale = locale or active_locale()
        rows = {row.locale_id: row for row in cls.objects.all()[:20]}
        if locale.id in rows:
            return rows[locale.id]
        return rows.get(default_locale().id) or next(iter(rows.values()), None)


class EUFundingNotice(LocalisedSingletonMixin, TranslatableMixin, models.Model):
    """What Implementing Regulation (EU) 821/2014 art. 4 and Regulation 1303/2013
    Annex XII 2.2 require on a beneficiary's website: the Union emblem in colour, the
    reference to the Union written in full, the fund, and the funding statement."""

    union_label = models.CharField(
        _("reference to the Union"),
        max_length=80,
        default="Европейски съюз",
        help_text=_("Written in full next to the emblem, never abbreviated (e.g. Европейски съюз)."),
    )
    fund_name = models.CharField(
        _("fund"),
        max_length=160,
        help_text=_(
            "The fund supporting the operation, shown under the Union reference, e.g. Европейски социален фонд."
        ),
    )
    programme_name = models.CharField(
        _("programme"),
        max_length=200,
        help_text=_("The operational programme, shown next to its logo."),
    )
    funding_statement = models.TextField(
        _("funding statement"),
        help_text=_(
            "The sentence printed in the footer of every page, exactly as the programme's visibility rules word it."
        ),
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("EU emblem (optional replacement)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the colour EU emblem that ships with the site."),
    )
    programme_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("programme logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Shown no larger than the EU emblem."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("union_label"), FieldPanel("fund_name"), FieldPanel("emblem")],
            heading=_("EU emblem block (top of every page)"),
        ),
        MultiFieldPanel([FieldPanel("programme_name"), FieldPanel("programme_logo")], heading=_("Programme")),
        FieldPanel("funding_statement"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("EU funding notice")
        verbose_name_plural = _("EU funding notice")

    def __str__(self):
        return f"{self.union_label} — {self.fund_name}"


class SiteContact(LocalisedSingletonMixin, TranslatableMixin, models.Model):
    """Who runs the site: shown in the header and the footer of every page."""

    site_name = models.CharField(
        _("site name"),
        max_length=160,
        help_text=_("Shown in the header and in every page title."),
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Who runs the site, shown in the footer.")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page, as the EU Web Accessibility Directive requires."),
    )

    form_privacy_notice = models.TextField(
        _("privacy notice for forms"),
        blank=True,
        help_text=_(
            "Shown above every citizens' form whose page has no privacy notice of its own: who collects the data, "
            "why, on which legal basis, how long it is kept and how to ask for it to be deleted."
        ),
    )

    panels = [
        FieldPanel("site_name"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        PageChooserPanel("privacy_page"),
        PageChooserPanel("accessibility_page"),
        FieldPanel("form_privacy_notice"),
    ]
    # The pages are the same in every language (the footer shows their translation).
    override_translatable_fields = [
        SynchronizedField("phone", overridable=False),
        SynchronizedField("privacy_page", overridable=False),
        SynchronizedField("accessibility_page", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site contacts")
        verbose_name_plural = _("site contacts")

    def __str__(self):
        return self.site_name


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A theme shared by consultations, events, best practices, news and reports, so a
    citizen can follow one subject across the whole site."""

    name = models.CharField(_("name"), max_length=120, help_text=_("Short, e.g. Градска среда."))
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_("Latin letters, digits and hyphens; used in filter links, e.g. gradska-sreda."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name
