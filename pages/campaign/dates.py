"""Small date helpers with no Django dependencies."""

import datetime


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to `end`, the end day included, rounded to the
    nearest month: 2019-03-01 .. 2020-02-29 is 12, 2019-03-15 .. 2019-04-14 is 1."""
    if end < start:
        raise ValueError("end before start")
    after_end = end + datetime.timedelta(days=1)
    months = (after_end.year - start.year) * 12 + (after_end.month - start.month)
    if after_end.day < start.day:
        months -= 1
    anchor_month = start.month - 1 + months
    anchor_year = start.year + anchor_month // 12
    anchor_month = anchor_month % 12 + 1
    day = min(start.day, _days_in_month(anchor_year, anchor_month))
    leftover_days = (after_end - datetime.date(anchor_year, anchor_month, day)).days
    return months + (1 if leftover_days >= 15 else 0)


def _days_in_month(year: int, month: int) -> int:
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (next_month - datetime.timedelta(days=1)).day
