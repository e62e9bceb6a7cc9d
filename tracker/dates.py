"""Partial ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) that keep their precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day.

    ``first`` and ``last`` are the first and last calendar day the date may mean:
    ``2017`` spans 2017-01-01 to 2017-12-31, never just "1 January".
    """

    first: date
    last: date
    precision: Precision
    text: str

    @property
    def middle(self) -> date:
        """The middle of the period, where a marker for it belongs."""
        return self.first + (self.last - self.first) / 2

    @property
    def year(self) -> int:
        """The calendar year of the date."""
        return self.first.year


class DateError(ValueError):
    """Raised for text that is not a partial ISO date or names an impossible day."""


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checking the day exists.

    >>> parse_partial_date("2018-09").precision
    'month'
    """
    match = _PATTERN.match(text.strip())
    if match is None:
        raise DateError("is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if year < 1:
        raise DateError("is an impossible date (year 0000)")
    if month_text is None:
        return PartialDate(date(year, 1, 1), date(year, 12, 31), "year", text.strip())
    month = int(month_text)
    if not 1 <= month <= 12:
        raise DateError(f"is an impossible date (there is no month {month_text})")
    last_day = calendar.monthrange(year, month)[1]
    if day_text is None:
        return PartialDate(date(year, month, 1), date(year, month, last_day), "month", text.strip())
    day = int(day_text)
    if not 1 <= day <= last_day:
        raise DateError(f"is an impossible date ({year:04d}-{month:02d} has no day {day_text})")
    when = date(year, month, day)
    return PartialDate(when, when, "day", text.strip())
