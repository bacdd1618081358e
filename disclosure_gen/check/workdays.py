"""Working days on the official PRC calendar (holidays and adjusted workdays, 调休).

Article 24 counts its time limits in 工作日. A Monday-to-Friday count is wrong around every
public holiday: the Spring Festival takes out a week and the State Council moves some weekends
into workdays. The ``chinese-calendar`` package carries the State Council's yearly notices;
for a date outside the years it covers we fall back to Monday-to-Friday and say so through
``covered=False``, so that callers can warn that the result is an estimate.

Counting follows 民法典 第二百零一条: the day of the event is not counted, the period starts
on the next day, so the 10th working day *after* the event is the last day of a 10-day limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar


@dataclass(frozen=True)
class WorkdayResult:
    """A computed date and whether every day on the way was on the official calendar."""

    due: date
    covered: bool


def is_working_day(day: date) -> tuple[bool, bool]:
    """Return ``(is a working day, the official calendar covers this date)``."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        # Years the library has no State Council notice for: plain weekdays, flagged.
        return day.weekday() < 5, False


def add_working_days(start: date, n: int) -> WorkdayResult:
    """Return the ``n``-th working day after ``start`` (``start`` itself is not counted)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day = start
    covered = True
    left = n
    while left:
        day += timedelta(days=1)
        working, known = is_working_day(day)
        covered = covered and known
        if working:
            left -= 1
    return WorkdayResult(day, covered)


def working_days_between(start: date, end: date) -> tuple[int, bool]:
    """Count working days in ``(start, end]``; negative when ``end`` is before ``start``.

    Returns ``(count, covered)``.
    """
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    covered = True
    day = start
    while day < end:
        day += timedelta(days=1)
        working, known = is_working_day(day)
        covered = covered and known
        count += working
    return sign * count, covered


def covered_years() -> tuple[int, int]:
    """The first and last year the installed calendar data covers (for messages)."""
    years = sorted(
        {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    )
    return years[0], years[-1]
