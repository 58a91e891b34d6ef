from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from civic_core import cache
from civic_core.urls_absolute import configured_origin, site_record_values


class Command(BaseCommand):
    help = (
        "Bring the default Site record (hostname, port) in line with SITE_URL, the site's public "
        "origin. Run it at every deploy, after migrate: safe to run again, it changes nothing when "
        "the record already agrees. --check only says whether it does (exit status 1 when not)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Change nothing; exit 1 if the record disagrees.")

    def handle(self, *args, **options):
        from wagtail.models import Site

        try:
            origin = configured_origin()
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not origin:
            self.stdout.write(
                "SITE_URL is not set: the Site record stays as it is, and absolute URLs use the "
                "address each request came to."
            )
            return
        wanted = site_record_values(origin)
        with transaction.atomic():
            site = (
                Site.objects.select_for_update().filter(is_default_site=True).first()
                or Site.objects.select_for_update().order_by("pk").first()
            )
            if site is None:
                raise CommandError("There is no Site record yet: run `manage.py migrate` first.")
            current = {"hostname": site.hostname, "port": site.port}
            if current == wanted and site.is_default_site:
                self.stdout.write(f"The default Site record already serves {origin}.")
                return
            if options["check"]:
                raise CommandError(
                    f"The default Site record is {site.hostname}:{site.port}, not {origin}: "
                    "run `manage.py civic_site_url`."
                )
            clash = Site.objects.filter(**wanted).exclude(pk=site.pk).first()
            if clash is not None:
                raise CommandError(
                    f"Another Site record ({clash}) already uses {wanted['hostname']}:{wanted['port']}: "
                    "remove it or change it in the admin (Settings → Sites) first."
                )
            site.hostname, site.port, site.is_default_site = wanted["hostname"], wanted["port"], True
            site.save()
        # Pages kept in the cache were rendered with the old origin.
        cache.bump_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"The default Site record now serves {origin} (was {current['hostname']}:{current['port']})."
            )
        )
