"""Bulgarian as official texts write it: "28 ноември 2026 г.", 24-hour times, weeks
starting on Monday, decimal comma.

The "E" format is Django's month name in the "alt. month" context; its Bulgarian
translations come from our catalog (see month_names.py), in lower case as Bulgarian
spelling requires, where Django's own catalog capitalises them."""

DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i ч."
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "E Y г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
