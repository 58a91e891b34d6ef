#!/usr/bin/env python
"""Django's command-line utility for the Sliven Civic site."""

import os
import sys
from pathlib import Path

# The Django project lives in site/sliven_site. A package named `site` would be
# shadowed by the standard library's `site` module, so site/ itself goes on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sliven_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
