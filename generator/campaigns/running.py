"""Which campaigns ``stemme post due`` may post on a day — and only those must be valid.

:func:`load_campaigns_around` returns the valid campaigns with days around ``today`` and
warnings: an error in a campaign that cannot be running then (an archived one, by its
days, its period or at least its year) is a warning for posting, while ``stemme check``
and ``make publish`` still stop on it. A broken campaign that might be running is an
error, so nothing is posted from a file that could not be read.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from generator.campaigns.model import (
    Campaign,
    FactLookup,
    ParsedCampaign,
    parse_all,
    site_url,
    sort_campaigns,
)
from generator.core import ContentError, ContentErrors, Paths


def load_campaigns_around(
    paths: Paths, facts: FactLookup | None, today: date, slack: timedelta = timedelta(days=1)
) -> tuple[list[Campaign], list[str]]:
    """The campaigns with days around ``today`` — what ``stemme post due`` may post — and
    warnings. Only those campaigns must be valid: an error in a campaign that cannot be
    running (an archived one) is a warning here; ``stemme check`` and ``make publish``
    still stop on it. A broken campaign that might be running is an error (ContentErrors).
    """
    found: list[Campaign] = []
    warnings: list[str] = []
    errors: list[ContentError] = []
    for parsed in parse_all(paths, facts, site_url(paths)):
        period = _period(parsed)
        around = period is None or period[0] - slack <= today <= period[1] + slack
        if parsed.ok and parsed.campaign is not None:
            if around and parsed.campaign.days:
                found.append(parsed.campaign)
        elif around:
            errors += parsed.errors
        else:
            note = "(Kampanjen pågår ikke nå, så postingen går videre.)"
            warnings += [f"{error} {note}" for error in parsed.errors]
    if errors:
        raise ContentErrors(errors)
    return sort_campaigns(found), warnings


def _period(parsed: ParsedCampaign) -> tuple[date, date] | None:
    """When a campaign can be posted: its days, else its period, else the whole of its
    year (read from the file or the folder name); None when nothing tells."""
    campaign = parsed.campaign
    if campaign is not None:
        days = [d.date for d in campaign.days] or [campaign.start, campaign.end]
        return min(days), max(days)
    try:
        text = parsed.path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    year = re.search(r"^year:\s*(\d{4})\s*$", text, re.M)
    year = year or re.search(r"(?:^|-)(\d{4})$", parsed.path.parent.name)
    if not year:
        return None
    number = int(year.group(1))
    return date(number, 1, 1), date(number, 12, 31)
