from django.core.management.base import BaseCommand

from forms_ext.gdpr import purge_expired


class Command(BaseCommand):
    help = (
        "Delete citizens' submissions past their form's retention period and anonymise the "
        "registrations behind them. Safe to run daily (e.g. from cron)."
    )

    def handle(self, *args, **options):
        result = purge_expired()
        self.stdout.write(
            "Purged {submissions} submission(s), anonymised {registrations} registration(s), "
            "removed {held} held submission(s), {lapsed_registrations} submission(s) of registrations "
            "nobody confirmed and {unconfirmed_alerts} unconfirmed alert subscription(s).".format(
                **{"lapsed_registrations": 0, "unconfirmed_alerts": 0, **result}
            )
        )
