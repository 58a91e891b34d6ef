from django.core.management import call_command
from django.core.management.base import BaseCommand

from sliven_site.demo import DemoBuilder


class Command(BaseCommand):
    help = (
        "Build the demo site from the seed press release, and the officers' groups (civic_roles). "
        "Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        created = DemoBuilder(log=self.stdout.write).build()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content: {created} item(s) created."))
        else:
            self.stdout.write("Demo content: already complete, nothing changed.")
        # The groups a small team works in (pages.roles), completed now that the language
        # trees exist; running it again puts them back to their definition.
        call_command("civic_roles", stdout=self.stdout, verbosity=options.get("verbosity", 1))
