"""The one day stamped into a document's metadata (DOCX core properties, ZIP
entries, PDF Info and XMP): the build date given, as a calendar day, or a
fixed epoch, so the same input always gives the same bytes."""

from __future__ import annotations

import datetime as dt

EPOCH = dt.date(2000, 1, 1)


def build_day(build_date: dt.date | None) -> dt.date:
    if build_date is None:
        return EPOCH
    # datetime is a subclass of date: keep only the calendar day.
    return dt.date(build_date.year, build_date.month, build_date.day)
