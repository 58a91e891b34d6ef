"""Builds the demo site from the seed press release. Every step is idempotent: it
creates what is missing and leaves alone what exists (an editor may have changed it)."""
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from pages.demo import data, english
from pages.demo.translation import publish_translation
from pages.models import EUFundingNotice, HomePage, Organisation, ProjectPage, ProjectPartner, SiteContact


class DemoBuilder:
    def __init__(self, log=print):
        self.log = log
        self.created = 0

    def note(self, message):
        self.created += 1
        self.log(f"  + {message}")

    @transaction.atomic
    def build(self):
        self.bg = Locale.get_default()
        self.organisations = {key: self.organisation(**values) for key, values in data.ORGANISATIONS.items()}
        self.site_chrome()
        self.home = self.home_page()
        self.project = self.project_page()
        if not self.home.featured_project_id:
            self.home.featured_project = self.project
            self.publish(self.home)
        self.sync_translation_trees()
        self.translate_into_english()
        return self.created

    # Snippets ---------------------------------------------------------------------
    def organisation(self, name, **fields):
        organisation = Organisation.objects.filter(name=name, locale=self.bg).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=name, locale=self.bg, **fields)
            self.note(f"organisation {organisation.short_name or name}")
        return organisation

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
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a "Welcome" page where the home page goes.
        for stock in root.get_children().filter(content_type__model="page", numchild=0):
            stock.delete()
        home = root.add_child(instance=HomePage(locale=self.bg, **data.HOME))
        self.publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
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
        lists = {key: [("item", text) for text in values.pop(key)] for key in ("objectives", "target_groups", "strategic_aims")}
        results = [("paragraph", RichText("".join(f"<p>{text}</p>" for text in values.pop("results"))))]
        project = ProjectPage(locale=self.bg, show_in_menus=True, beneficiary=self.organisations["rcir"], results=results, **lists, **values)
        project.partners = [ProjectPartner(organisation=self.organisations["municipality"], role="Партньор")]
        self.home.add_child(instance=project)
        self.publish(project)
        self.note("project page")
        return project

    def translate_into_english(self):
        """Publish the English translation of each demo object that has none yet."""
        for instance, texts in english.translations(self):
            if publish_translation(instance, texts) is not None:
                self.note(f"English translation of {instance}")

    def sync_translation_trees(self):
        """Give every synchronised locale (English) the pages it lacks, as aliases until translated."""
        from wagtail_localize.models import LocaleSynchronization

        for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
            sync.sync_trees()
