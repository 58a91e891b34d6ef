"""Form tokens for the bench's POST runs: every submission needs a token of its own
(forms_ext.spam), as every visitor's page carries one."""

import time

from django.core.management.base import BaseCommand

from forms_ext.spam import issue_token


class Command(BaseCommand):
    help = "Write N fresh form tokens, one per line, issued a minute ago."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--out", required=True)

    def handle(self, *args, count, out, **options):
        issued = time.time() - 60
        with open(out, "w") as tokens:
            tokens.write("\n".join(issue_token(issued_at=issued) for _ in range(count)) + "\n")
