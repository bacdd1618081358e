"""Working days on the official calendar: Spring Festival, adjusted workdays, coverage."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from hypothesis import given
from hypothesis import strategies as st

from disclosure_gen.check.workdays import (
    add_working_days,
    covered_years,
    is_working_day,
    working_days_between,
)


def mon_fri(start: date, n: int) -> date:
    """The naive count the module must not be: every weekday is a working day."""
    day = start
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def test_the_calendar_data_has_the_2026_spring_festival() -> None:
    # State Council notice for 2026: off 02-15..02-23, work on Saturdays 02-14 and 02-28.
    assert chinese_calendar.get_holiday_detail(date(2026, 2, 14)) == (False, "Spring Festival")
    assert chinese_calendar.get_holiday_detail(date(2026, 2, 16)) == (True, "Spring Festival")
    assert is_working_day(date(2026, 2, 14)) == (True, True)
    assert is_working_day(date(2026, 2, 28)) == (True, True)
    assert is_working_day(date(2026, 2, 16)) == (False, True)
    assert is_working_day(date(2026, 2, 23)) == (False, True)


def test_ten_working_days_across_spring_festival_2026() -> None:
    result = add_working_days(date(2026, 2, 10), 10)
    # Feb 11, 12, 13, 14 (Saturday workday), 24, 25, 26, 27, 28 (Saturday workday), Mar 2.
    assert result.due == date(2026, 3, 2)
    assert result.covered
    assert mon_fri(date(2026, 2, 10), 10) == date(2026, 2, 24)


def test_ten_working_days_across_spring_festival_2025() -> None:
    # Off 01-28..02-04; work on Sunday 01-26 and Saturday 02-08.
    result = add_working_days(date(2025, 1, 24), 10)
    assert result.due == date(2025, 2, 13)
    assert result.covered
    assert result.due != mon_fri(date(2025, 1, 24), 10)


def test_an_adjusted_saturday_is_the_next_working_day() -> None:
    assert add_working_days(date(2026, 2, 13), 1).due == date(2026, 2, 14)
    assert add_working_days(date(2025, 2, 7), 1).due == date(2025, 2, 8)


def test_the_start_day_is_not_counted() -> None:
    # 民法典 第二百零一条: the period starts on the day after the event.
    assert add_working_days(date(2026, 11, 23), 1).due == date(2026, 11, 24)


def test_beyond_the_calendar_falls_back_to_weekdays_and_says_so() -> None:
    first, last = covered_years()
    assert first <= 2025 and last >= 2026
    outside = date(last + 1, 1, 4)
    assert is_working_day(outside)[1] is False
    result = add_working_days(date(last, 12, 24), 10)
    assert not result.covered
    assert result.due == mon_fri(date(last, 12, 24), 10)
    assert not add_working_days(date(first - 1, 6, 1), 3).covered


def test_counting_between_dates() -> None:
    assert working_days_between(date(2026, 2, 10), date(2026, 3, 2)) == (10, True)
    assert working_days_between(date(2026, 3, 2), date(2026, 2, 10)) == (-10, True)
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == (0, True)


@given(
    start=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31)),
    n=st.integers(min_value=1, max_value=20),
)
def test_the_due_day_is_the_nth_working_day(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert result.covered
    assert chinese_calendar.is_workday(result.due)
    assert working_days_between(start, result.due)[0] == n
