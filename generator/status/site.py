"""Status section «Nettstedet»: when output/ was last built and published, and whether the
built pages are today's (the build record knows which campaign day it was made for)."""

from __future__ import annotations

import bisect
from datetime import datetime

from generator.core import OSLO, norwegian_weekday_date
from generator.deploy import MANIFEST_NAME, DeployRecord, is_remote, last_deploy
from generator.site import Record, load_record
from generator.status.model import Line, Section, StatusContext


def _when(moment: datetime) -> str:
    return f"{norwegian_weekday_date(moment)} kl. {moment.astimezone(OSLO):%H:%M}"


def site_section(ctx: StatusContext) -> Section:
    section = Section("site", "Nettstedet")
    record = load_record(ctx.paths, ctx.paths.output.resolve(), True)
    if record is None:
        section.lines.append(
            Line("alarm", "output/ er ikke bygget på denne maskinen.", ("make publish",))
        )
        return section
    built = datetime.fromtimestamp(record.fingerprint.taken_ns / 1e9, OSLO)
    section.lines.append(Line("info", f"Sist bygget {_when(built)}."))
    section.lines.append(_today_line(ctx, record))
    section.lines.append(_deploy_line(ctx, record))
    return section


def _today_line(ctx: StatusContext, record: Record) -> Line:
    current = (
        bisect.bisect_right(record.dates, ctx.today) == record.position
        and ctx.today.year == record.year
    )
    if current:
        return Line("ok", "Det bygde nettstedet viser dagens kampanjedag og «Siste …».")
    return Line(
        "alarm",
        "Det bygde nettstedet er fra før dagens kampanjedag: feeder, «Siste …» og sidene "
        "uten JavaScript viser en gammel dag.",
        ("make publish",),
    )


def _from_local_target(ctx: StatusContext) -> DeployRecord | None:
    """A folder target (rsync to a path on this machine) has the deploy manifest on disk:
    its time tells when the last deploy finished, also before deploys left a note."""
    deploy = ctx.config.deploy
    if deploy is None or deploy.kind != "rsync" or not deploy.target or is_remote(deploy.target):
        return None
    manifest = ctx.paths.root / deploy.target / MANIFEST_NAME
    try:
        at = datetime.fromtimestamp(manifest.stat().st_mtime, OSLO)
    except OSError:
        return None
    return DeployRecord(at, deploy.target, True, 0, 0, None)


def _deploy_line(ctx: StatusContext, record: Record) -> Line:
    if ctx.config.deploy is None:
        return Line(
            "warn",
            "stemme.toml har ingen [deploy]-del: nettstedet publiseres ikke herfra.",
            ("Sett opp publisering: håndboken, «Publisere» (handbook/docs/rutiner/publisere.md)",),
        )
    deployed = last_deploy(ctx.paths) or _from_local_target(ctx)
    if deployed is None:
        return Line("alarm", "Nettstedet er bygget, men aldri publisert herfra.", ("make publish",))
    if not deployed.ok:
        return Line(
            "alarm",
            f"Siste publisering ({_when(deployed.at)}, {deployed.target}) feilet: bygget, "
            "men ikke publisert.",
            ("make publish   (les feilmeldingen; «stemme deploy --dry-run» viser resten)",),
        )
    sent_this_build = (
        deployed.build_ns == record.fingerprint.taken_ns
        if deployed.build_ns is not None
        else deployed.at.timestamp() * 1e9 >= record.fingerprint.taken_ns
    )
    if not sent_this_build:
        return Line(
            "alarm",
            f"Bygget, men ikke publisert: siste publisering var {_when(deployed.at)}, "
            "før det siste bygget.",
            ("stemme deploy",),
        )
    return Line("ok", f"Publisert {_when(deployed.at)} til {deployed.target}.")
