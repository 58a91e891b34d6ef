from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pages import roles


class Command(BaseCommand):
    help = (
        "Create the groups Communications officers, Moderators and Translators, or put them back "
        "to what pages.roles describes (safe to run again: it undoes changes made to these three "
        "groups by hand); Wagtail's stock Editors group (when empty) and default workflow are removed. "
        "--two-person-approval SECTION makes that section's pages wait for a moderator's approval."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--two-person-approval",
            action="append",
            default=[],
            metavar="SECTION",
            help="Page id or path on the site (e.g. /konsultatsii/) whose pages, and those below it, "
            "are published only after a Moderators member approves them. Repeatable.",
        )
        parser.add_argument(
            "--no-two-person-approval",
            action="append",
            default=[],
            metavar="SECTION",
            help="Switch the two-person approval of this section off again. Repeatable.",
        )

    def _pages(self, references):
        pages = []
        for reference in references:
            page = roles.section(reference)
            if page is None:
                raise CommandError(f"No page {reference!r}: give a page id or its path on the site, e.g. /novini/.")
            pages.append(page)
        return pages

    @transaction.atomic
    def handle(self, *args, **options):
        switch_on = self._pages(options["two_person_approval"])
        switch_off = self._pages(options["no_two_person_approval"])
        for note in roles.create_groups():
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(f"Groups ready: {roles.OFFICERS}, {roles.MODERATORS}, {roles.TRANSLATORS}.")
        )
        for page in switch_off:
            roles.switch_two_person_approval(page, on=False)
        for page in switch_on:
            roles.switch_two_person_approval(page, on=True)
        sections = roles.sections_with_approval()
        if not sections:
            self.stdout.write("Two-person approval: off everywhere (officers publish directly).")
        for page, workflow in sections:
            self.stdout.write(f"Two-person approval ({workflow}): {page.url_path} (page {page.pk}) and below.")
