"""Builds the demo site from the seed press release. Every step is idempotent: it
creates what is missing and leaves alone what exists (an editor may have changed it)."""

import datetime
import secrets
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from forms_ext.models import CivicSubmission, Subscription
from forms_ext.spam import fingerprint
from pages.legal import draft_act
from pages.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CivicMonitoringFormField,
    CivicMonitoringPage,
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationProposal,
    EUFundingNotice,
    EventFormField,
    EventIndexPage,
    EventPage,
    FeedbackFormField,
    FeedbackPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Organisation,
    ProjectIndicator,
    ProjectPage,
    ProjectPartner,
    Recommendation,
    RecommendationTrackerPage,
    RecommendationUpdate,
    ReportPage,
    SiteContact,
    StandardPage,
    Topic,
)
from sliven_site.demo import data, english
from sliven_site.demo.translation import publish_translation

SOFIA = ZoneInfo("Europe/Sofia")


def sofia(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SOFIA)


class DemoBuilder:
    def __init__(self, log=print):
        self.log = log
        self.created = 0

    def note(self, message):
        self.created += 1
        self.log(f"  + {message}")

    @transaction.atomic
    def build(self):
        self.bg = self.ensure_locales()
        self.organisations = {key: self.organisation(**values) for key, values in data.ORGANISATIONS.items()}
        self.site_chrome()
        self.home = self.home_page()
        self.project = self.project_page()
        self.project_indicators()
        if not self.home.featured_project_id:
            self.home.featured_project = self.project
            self.publish(self.home)
        self.topics = {slug: self.topic(slug, name) for slug, name in data.TOPICS.items()}
        self.consultation_pages(self.index_page(ConsultationIndexPage, data.INDEXES["consultations"]))
        self.event_pages(self.index_page(EventIndexPage, data.INDEXES["events"]))
        self.best_practice_pages(self.index_page(BestPracticeIndexPage, data.INDEXES["best_practices"]))
        self.campaign_pages(self.index_page(NewsIndexPage, data.INDEXES["news"]))
        self.standard_pages()
        self.citizen_forms()
        self.report_recommendations()
        self.tracker_page()
        self.subscribers()
        self.sync_translation_trees()
        self.translate_into_english()
        return self.created

    def ensure_locales(self):
        """Migrations create both locales; a flushed database (tests) may have lost them."""
        from django.conf import settings
        from wagtail_localize.models import LocaleSynchronization

        bulgarian, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        english, _ = Locale.objects.get_or_create(language_code="en")
        LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": bulgarian})
        return bulgarian

    # Snippets ---------------------------------------------------------------------
    def organisation(self, name, **fields):
        organisation = Organisation.objects.filter(name=name, locale=self.bg).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=name, locale=self.bg, **fields)
            self.note(f"organisation {organisation.short_name or name}")
        return organisation

    def topic(self, slug, name):
        topic = Topic.objects.filter(slug=slug, locale=self.bg).first()
        if topic is None:
            topic = Topic.objects.create(slug=slug, name=name, locale=self.bg)
            self.note(f"topic {name}")
        return topic

    def site_chrome(self):
        self.eu_funding_notice = EUFundingNotice.objects.filter(locale=self.bg).first()
        if self.eu_funding_notice is None:
            self.eu_funding_notice = EUFundingNotice.objects.create(
                locale=self.bg,
                programme_name=data.PROGRAMME,
                fund_name=data.FUND,
                funding_statement=data.FUNDING_STATEMENT,
            )
            self.note("EU funding notice")
        self.site_contact = SiteContact.objects.filter(locale=self.bg).first()
        if self.site_contact is None:
            self.site_contact = SiteContact.objects.create(locale=self.bg, **data.SITE_CONTACT)
            self.note("site contacts")

    # Pages ------------------------------------------------------------------------
    def publish(self, page):
        page.save_revision().publish()

    def home_page(self):
        home = HomePage.objects.filter(locale=self.bg).first()
        if home is not None:
            return home
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=self.bg))
        # Wagtail's first migration leaves a "Welcome" page where the home page goes.
        for stock in root.get_children().filter(content_type__model="page", numchild=0):
            stock.delete()
        home = root.add_child(instance=HomePage(locale=self.bg, **data.HOME))
        self.publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            # Named, or the admin's dashboard greets officers with the host name ("localhost").
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=data.HOME["title"]
            )
        else:
            site.root_page = home
            site.site_name = data.HOME["title"]
            site.save()
        self.note("home page")
        return home

    def project_page(self):
        project = ProjectPage.objects.filter(locale=self.bg, project_code=data.PROJECT["project_code"]).first()
        if project is not None:
            return project
        values = dict(data.PROJECT)
        lists = {
            key: [("item", text) for text in values.pop(key)]
            for key in ("objectives", "target_groups", "strategic_aims")
        }
        results = [("paragraph", RichText("".join(f"<p>{text}</p>" for text in values.pop("results"))))]
        project = ProjectPage(
            locale=self.bg,
            show_in_menus=True,
            beneficiary=self.organisations["rcir"],
            results=results,
            **lists,
            **values,
        )
        project.partners = [ProjectPartner(organisation=self.organisations["municipality"], role="Партньор")]
        project.indicators = [ProjectIndicator(locale=self.bg, **values) for values in data.INDICATORS]
        self.home.add_child(instance=project)
        self.publish(project)
        self.note("project page")
        return project

    def project_indicators(self):
        """Sites built before the project had indicators get the seed's."""
        if self.project.indicators.exists():
            return
        self.project.indicators = [ProjectIndicator(locale=self.bg, **values) for values in data.INDICATORS]
        self.publish(self.project)
        self.note("project indicators")

    def child_page(self, parent, model, slug, make, **page_fields):
        """The live `model` page `slug` under `parent`: the existing one, or one `make()` builds."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = make()
        page.slug = slug
        page.locale = self.bg
        for name, value in page_fields.items():
            setattr(page, name, value)
        parent.add_child(instance=page)
        self.publish(page)
        self.note(f"{model._meta.model_name} {slug}")
        return page

    def index_page(self, model, values):
        return self.child_page(
            self.home,
            model,
            values["slug"],
            lambda: model(title=values["title"], intro=values["intro"], show_in_menus=True),
        )

    def topics_for(self, slugs):
        return [self.topics[slug] for slug in slugs]

    def event_pages(self, index):
        for values in data.EVENTS:

            def make(values=values):
                agenda = [
                    (
                        "item",
                        {
                            "time": datetime.time.fromisoformat(time),
                            "title": title,
                            "speaker": speaker,
                            "description": "",
                        },
                    )
                    for time, title, speaker in values.get("agenda", [])
                ]
                return EventPage(
                    title=values["title"],
                    kind=values["kind"],
                    summary=values["summary"],
                    start=sofia(*values["start"]),
                    end=sofia(*values["end"]),
                    attendance=values["attendance"],
                    organiser=self.organisations["rcir"],
                    agenda=agenda,
                    **data.VENUE,
                )

            self.child_page(index, EventPage, values["slug"], make, topics=self.topics_for(values["topics"]))
        self.upcoming_event(index)

    def upcoming_event(self, index):
        values = data.UPCOMING_EVENT

        def make():
            hour, minute = values["time"]
            start = (timezone.localtime() + datetime.timedelta(days=values["days_from_today"])).replace(
                hour=hour, minute=minute, second=0, microsecond=0
            )
            return EventPage(
                title=values["title"],
                kind=values["kind"],
                summary=values["summary"],
                start=start,
                end=start + datetime.timedelta(hours=values["hours"]),
                capacity=values["capacity"],
                registration_opens=timezone.now().replace(second=0, microsecond=0)
                - datetime.timedelta(days=values["registration_opened_days_ago"]),
                organiser=self.organisations["rcir"],
                agenda=[
                    (
                        "item",
                        {
                            "time": datetime.time.fromisoformat(time),
                            "title": title,
                            "speaker": speaker,
                            "description": "",
                        },
                    )
                    for time, title, speaker in values["agenda"]
                ],
                **data.VENUE,
            )

        event = self.child_page(index, EventPage, values["slug"], make, topics=self.topics_for(values["topics"]))
        self.attach_form(event, EventFormField, values)

    def consultation_pages(self, index):
        open_values = data.OPEN_CONSULTATION

        def make_open():
            opens_at = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) - datetime.timedelta(
                days=open_values["days_open_before_today"]
            )
            return ConsultationPage(
                title=open_values["title"],
                summary=open_values["summary"],
                contact=open_values["contact"],
                body=[("paragraph", RichText(open_values["body"]))],
                related_project=self.project,
                opens_at=opens_at,
                closes_at=opens_at + datetime.timedelta(days=open_values["period_days"], hours=8),
                draft_act_text=data.OPEN_CONSULTATION_DRAFT,
                draft_act=draft_act.stream_data(draft_act.parse(data.OPEN_CONSULTATION_DRAFT)),
            )

        consultation = self.child_page(
            index, ConsultationPage, open_values["slug"], make_open, topics=self.topics_for(open_values["topics"])
        )
        self.attach_form(consultation, ConsultationFormField, data.CONSULTATION_FORM)

        done = data.CONCLUDED_CONSULTATION

        def make_concluded():
            page = ConsultationPage(
                title=done["title"],
                summary=done["summary"],
                contact=done["contact"],
                body=[("paragraph", RichText(done["body"]))],
                opens_at=sofia(*done["opens_at"]),
                closes_at=sofia(*done["closes_at"]),
                outcome_date=done["outcome_date"],
                outcome_summary=done["outcome_summary"],
            )
            page.proposals = [ConsultationProposal(**proposal) for proposal in done["proposals"]]
            return page

        self.child_page(index, ConsultationPage, done["slug"], make_concluded, topics=self.topics_for(done["topics"]))

    def best_practice_pages(self, index):
        for values in data.BEST_PRACTICES:
            fields = {key: value for key, value in values.items() if key not in ("slug", "topics")}
            self.child_page(
                index,
                BestPracticePage,
                values["slug"],
                lambda fields=fields: BestPracticePage(**fields),
                topics=self.topics_for(values["topics"]),
            )

    def campaign_pages(self, index):
        report = data.REPORT

        def make_report():
            return ReportPage(
                title=report["title"],
                date=report["date"],
                summary=report["summary"],
                body=[("paragraph", RichText(report["body"]))],
            )

        self.child_page(index, ReportPage, report["slug"], make_report, topics=self.topics_for(report["topics"]))
        news = data.NEWS
        self.child_page(
            index,
            NewsPage,
            news["slug"],
            lambda: NewsPage(
                title=news["title"],
                date=news["date"],
                summary=news["summary"],
                body=[("paragraph", RichText(news["body"]))],
            ),
            topics=self.topics_for(news["topics"]),
        )

    def report_recommendations(self):
        """The demo report's recommendations with their updates, and the demo monitoring
        reports an officer linked to them; a report that has some is left alone."""
        report = ReportPage.objects.get(locale=self.bg, slug=data.REPORT["slug"])
        self.recommendations = list(report.tracked_recommendations.filter(locale=self.bg).order_by("number"))
        if self.recommendations:
            return
        monitoring = CivicMonitoringPage.objects.filter(locale=self.bg, slug=data.MONITORING["slug"]).first()
        for number, values in enumerate(data.REPORT["recommendations"], start=1):
            fields = {
                key: values[key]
                for key in ("text", "responsible_unit", "status", "progress", "deadline", "status_reason")
            }
            recommendation = Recommendation(locale=self.bg, report=report, number=number, **fields)
            recommendation.updates = [
                RecommendationUpdate(locale=self.bg, date=date, text=text) for date, text in values["updates"]
            ]
            recommendation.save()
            if monitoring and values["monitoring"]:
                recommendation.monitoring_reports.set(
                    submission
                    for submission in CivicSubmission.objects.filter(page=monitoring)
                    if submission.form_data.get("usluga_ili_angazhiment") in values["monitoring"]
                )
            self.recommendations.append(recommendation)
        self.note(f"{len(self.recommendations)} recommendations of the report")

    def tracker_page(self):
        values = data.TRACKER
        self.child_page(
            self.home,
            RecommendationTrackerPage,
            values["slug"],
            lambda: RecommendationTrackerPage(title=values["title"], intro=values["intro"], show_in_menus=True),
        )

    def subscribers(self):
        """A few confirmed email-alert subscribers, so the dashboard has some to count."""
        topics = {slug: str(topic.translation_key) for slug, topic in self.topics.items()}
        for email, language, kinds, topic_slugs in data.SUBSCRIBERS:
            _subscription, created = Subscription.objects.get_or_create(
                email=email,
                language=language,
                defaults={
                    "kinds": kinds,
                    "topics": [topics[slug] for slug in topic_slugs],
                    "token": secrets.token_urlsafe(32),
                    "confirmed_at": timezone.now(),
                },
            )
            if created:
                self.note(f"email alert subscriber {email}")

    def standard_pages(self):
        pages = {}
        for key, values, in_menu in (
            ("about", data.ABOUT, True),
            ("privacy", data.PRIVACY, False),
            ("accessibility", data.ACCESSIBILITY, False),
        ):

            def make(values=values, in_menu=in_menu):
                body = []
                for heading, html in values["body"]:
                    body += [("heading", {"text": heading, "level": "h2"}), ("paragraph", RichText(html))]
                return StandardPage(title=values["title"], summary=values["summary"], body=body, show_in_menus=in_menu)

            pages[key] = self.child_page(self.home, StandardPage, values["slug"], make)
        contact = SiteContact.objects.filter(locale=self.bg).first()
        if contact and not (contact.privacy_page_id and contact.accessibility_page_id):
            contact.privacy_page = contact.privacy_page or pages["privacy"]
            contact.accessibility_page = contact.accessibility_page or pages["accessibility"]
            contact.save()
            self.note("privacy and accessibility links in the site contacts")

    def citizen_forms(self):
        """The feedback mechanism and civic monitoring forms, with a few demo submissions."""
        self.form_page(FeedbackPage, FeedbackFormField, data.FEEDBACK)
        self.form_page(CivicMonitoringPage, CivicMonitoringFormField, data.MONITORING)

    def form_page(self, page_class, field_class, values):
        if page_class.objects.filter(locale=self.bg, slug=values["slug"]).exists():
            return
        values = dict(values)
        fields, submissions = values.pop("fields"), values.pop("submissions")
        page = page_class(locale=self.bg, show_in_menus=True, **values)
        page.form_fields = self.form_fields(field_class, fields)
        self.home.add_child(instance=page)
        self.publish(page)
        self.demo_submissions(page, submissions)
        self.note(f"{page_class._meta.verbose_name} with {len(submissions)} demo submissions")

    @staticmethod
    def form_fields(field_class, fields):
        # sort_order as the form builder sets it: without it the fields' order is whatever
        # the database returns (and a translation's may differ from its source's).
        return [
            field_class(
                field_type=kind, label=label, required=required, choices=choices, help_text=help_text, sort_order=order
            )
            for order, (kind, label, required, choices, help_text) in enumerate(fields)
        ]

    def attach_form(self, page, field_class, values):
        """The demo form of a consultation or event page that has none yet."""
        if page.form_fields.exists():
            return
        page.privacy_notice = values["privacy_notice"]
        page.publish_comments = values.get("publish_comments", False)
        page.form_fields = self.form_fields(field_class, values["fields"])
        self.publish(page)
        self.demo_submissions(page, values.get("submissions", []))
        self.note(f"form on {page.slug}")

    def demo_submissions(self, page, submissions):
        for answers in submissions:
            comment = answers.get("komentar_za_publikuvane", "")
            CivicSubmission.objects.create(
                page=page,
                form_data=answers,
                language="bg",
                fingerprint=fingerprint(page.pk, answers, "demo"),
                comment=comment,
                display_name=answers.get("ime_za_publikuvane", ""),
                moderation_status=CivicSubmission.Moderation.APPROVED
                if comment
                else CivicSubmission.Moderation.PRIVATE,
            )

    def translate_into_english(self):
        """Publish the English translation of each demo object that has none yet."""
        for instance, texts in english.translations(self):
            if publish_translation(instance, texts) is not None:
                self.note(f"English translation of {instance}")
        self.footer_links_in_every_language()

    def footer_links_in_every_language(self):
        """Sites built before the footer's page links were synchronised lack them in English."""
        source = SiteContact.objects.filter(locale=self.bg).first()
        if source is None:
            return
        for contact in SiteContact.objects.filter(translation_key=source.translation_key).exclude(locale=self.bg):
            if not (contact.privacy_page_id and contact.accessibility_page_id):
                contact.privacy_page_id = contact.privacy_page_id or source.privacy_page_id
                contact.accessibility_page_id = contact.accessibility_page_id or source.accessibility_page_id
                contact.save()
                self.note(f"footer links of {contact.locale}")

    def sync_translation_trees(self):
        """Give every synchronised locale (English) the pages it lacks, as aliases until translated."""
        from wagtail_localize.models import LocaleSynchronization

        for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
            sync.sync_trees()
