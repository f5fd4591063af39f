"""Dates and «today»: Norwegian formats (babel, bokmål, independent of the machine's
locale) and the one place that asks the clock.

Time is an input. :func:`now` is the only call to the clock in Stemme, and :func:`today`
the only reader of ``STEMME_TODAY`` (YYYY-MM-DD), which freezes «today» for tests,
screenshots and builds of another day (``stemme build --dato``). Every date is
Europe/Oslo.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from babel.dates import format_date, get_month_names

from generator.core.config import OSLO
from generator.core.errors import ConfigError

TODAY_VARIABLE = "STEMME_TODAY"
LOCALE = "nb_NO"
# «januar» … «desember», from babel like every date Stemme writes.
MONTHS: tuple[str, ...] = tuple(get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13))


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


def now() -> datetime:
    """The current moment in Europe/Oslo."""
    return datetime.now(OSLO)


def today(value: date | str | None = None) -> date:
    """«Today» in Oslo: ``value`` (a date or ISO text, e.g. a build's setting), else
    ``STEMME_TODAY`` from the environment, else the clock."""
    if value is None:
        value = os.environ.get(TODAY_VARIABLE, "").strip()
    if isinstance(value, date):
        return value
    if not value:
        return now().date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"{TODAY_VARIABLE}={value!r} er ikke en dato. "
            f"Slik retter du det: bruk formen ÅÅÅÅ-MM-DD, f.eks. {TODAY_VARIABLE}=2026-11-26, "
            "eller fjern variabelen."
        ) from None


JINJA_FILTERS = {
    "dato": norwegian_date,
    "dato_kort": norwegian_date_short,
    "dato_ukedag": norwegian_weekday_date,
    "dato_iso": iso_date,
}
