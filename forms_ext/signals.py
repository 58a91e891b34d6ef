"""Signals other apps may listen to (the site's page cache does)."""

from django.dispatch import Signal

# Sent with `request` and `page` (the page in the default language) when places at an
# event are taken or freed: pages showing "N places left" are out of date.
registrations_changed = Signal()
