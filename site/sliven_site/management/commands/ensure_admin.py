import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


class Command(BaseCommand):
    help = (
        "Make sure a superuser `admin` exists. Its password comes from ADMIN_PASSWORD, or is generated "
        "once, kept in .admin-password (git-ignored) and printed on every run."
    )

    def handle(self, *args, **options):
        password = os.environ.get("ADMIN_PASSWORD")
        if not password and PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        generated = False
        if not password:
            password = secrets.token_urlsafe(12)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
            generated = True

        User = get_user_model()
        user, created = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@localhost", "is_staff": True, "is_superuser": True}
        )
        if created or generated or os.environ.get("ADMIN_PASSWORD"):
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
        elif not user.check_password(password):
            self.stdout.write(
                self.style.WARNING("The admin password was changed in the admin; .admin-password is stale.")
            )
            return
        self.stdout.write(self.style.SUCCESS(f"Admin login: admin / {password}"))
