"""Month names as they stand inside a date ("28 ноември 2026 г."): the msgids Django's
"E" date format looks up. Declaring them here brings them into our catalog, which
LOCALE_PATHS ranks above Django's own, so locale/bg gives them in lower case. Nothing
imports this module; `makemessages` reads it."""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
