from django.core.management.base import BaseCommand

from pages.campaign.evidence_pack import purge_expired, retention_days


class Command(BaseCommand):
    help = (
        "Delete the evidence packs older than CIVIC_EVIDENCE_RETENTION_DAYS (365 by default), archive and all. "
        "Safe to run daily (e.g. from cron, beside purge_submissions). Publication records are kept."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"Deleted {deleted} evidence pack(s) older than {retention_days()} days.")
