from django.core.management.base import BaseCommand

from pages import roles


class Command(BaseCommand):
    help = (
        "Create or complete the groups Communications officers, Moderators and Translators "
        "(pages.roles explains each); Wagtail's stock Editors group and default workflow are removed. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        roles.create_groups()
        self.stdout.write(
            self.style.SUCCESS(f"Groups ready: {roles.OFFICERS}, {roles.MODERATORS}, {roles.TRANSLATORS}.")
        )
