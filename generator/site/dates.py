"""Norwegian dates that do not depend on the machine's locale (babel, bokmål)."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from generator.config import OSLO

LOCALE = "nb_NO"


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(OSLO)
        return value.date()
    return value


def norwegian_date(value: date | datetime, *, year: bool = True) -> str:
    """'22. november 2026' (or '22. november' without the year)."""
    return format_date(_as_date(value), "d. MMMM y" if year else "d. MMMM", locale=LOCALE)


def norwegian_date_short(value: date | datetime) -> str:
    """'22.11.2026'."""
    return _as_date(value).strftime("%d.%m.%Y")


def norwegian_weekday_date(value: date | datetime) -> str:
    """'søndag 22. november 2026'."""
    return format_date(_as_date(value), "EEEE d. MMMM y", locale=LOCALE)


def iso_date(value: date | datetime) -> str:
    return _as_date(value).isoformat()


def today_oslo(now: datetime | None = None) -> date:
    """Today's date in Oslo (``now`` defaults to the current time)."""
    return (now or datetime.now(OSLO)).astimezone(OSLO).date()


JINJA_FILTERS = {
    "dato": norwegian_date,
    "dato_kort": norwegian_date_short,
    "dato_ukedag": norwegian_weekday_date,
    "dato_iso": iso_date,
}
