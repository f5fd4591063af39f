"""CLI: ``stemme deploy [--dry-run] [--full] [--prune] [--create-target] [--json]
[--if-configured]``."""

from __future__ import annotations

from typing import Any

import click

from generator.core import DeployError, echo_json, json_option, project
from generator.deploy.plan import Plan
from generator.deploy.record import remember_deploy
from generator.deploy.run import NOT_CONFIGURED, DeployReport, deploy_site

SETUP_HINT = """\
Nettstedet er bygget i {output}/, men ikke publisert: stemme.toml har ingen [deploy]-del.
Slik legger du det ut på nettet: legg til én av disse i stemme.toml og kjør make publish igjen.

  [deploy]                       # til en server over SSH (eller en mappe på denne maskinen)
  kind = "rsync"
  target = "bruker@vert.example:/var/www/stemme"

  [deploy]                       # til S3, Cloudflare R2, MinIO eller Backblaze
  kind = "s3"
  bucket = "navnet-pa-botta"     # nøklene i AWS_ACCESS_KEY_ID og AWS_SECRET_ACCESS_KEY

  [deploy]                       # til GitHub Pages, Netlify eller Cloudflare Pages
  kind = "git"
  target = "git@github.com:organisasjon/nettsted.git"
  branch = "gh-pages"

Steg for steg: håndboken, «Publisere» (handbook/docs/rutiner/publisere.md)."""


def _files(count: int) -> str:
    return f"{count} fil" if count == 1 else f"{count} filer"


NOT_PUBLISHED = (
    "Nettstedet er bygget i output/, men ikke publisert: siden på nett er som før. "
    "Rett feilen over og kjør «make publish» (eller «stemme deploy») igjen."
)


def _send_line(plan: Plan, path: str) -> str:
    if path in plan.repair:
        return f"  ! {path}  (mangler eller er endret på målet – sendes på nytt)"
    return f"  + {path}  (ny)" if path in plan.new else f"  ~ {path}  (endret)"


def _unknown_lines(plan: Plan) -> list[str]:
    if not plan.unknown:
        return []
    return [
        f"Merk: {_files(len(plan.unknown))} på målet finnes ikke i output/, og Stemme vet ikke "
        "om de er lagt ut av Stemme (.stemme-deploy.json manglet da de ble funnet). Er noen "
        "av dem sider du har fjernet, ligger de fortsatt på nett. De blir ikke slettet; "
        "«stemme deploy --prune» sletter dem (men aldri CNAME eller .well-known/):",
        *[f"  ? {p}" for p in plan.unknown],
    ]


def _plan_lines(report: DeployReport) -> list[str]:
    plan = report.plan
    lines = []
    if report.created:
        lines.append("Målet finnes ikke ennå; det ville blitt laget (--create-target).")
    if plan.send:
        lines.append(f"Ville sendt {_files(len(plan.send))}:")
        lines += [_send_line(plan, p) for p in plan.send]
    if plan.delete:
        lines.append(f"Ville slettet {_files(len(plan.delete))}:")
        lines += [f"  - {p}" for p in plan.delete]
    if plan.clean:
        lines.append(f"Ville ryddet bort {_files(len(plan.clean))} som en avbrutt overføring "
                     "la igjen:")  # fmt: skip
        lines += [f"  - {p}" for p in plan.clean]
    lines.append(f"Uendret: {_files(plan.unchanged)}.")
    return lines + _unknown_lines(plan)


def _summary(report: DeployReport) -> list[str]:
    plan, outcome = report.plan, report.outcome
    if report.dry_run:
        return [f"Prøvekjøring mot {report.target}: ingenting blir sendt.", *_plan_lines(report)]
    if plan.empty:
        return [
            f"Ingenting å sende: {report.target} har alle {_files(report.files)} allerede.",
            *_unknown_lines(plan),
        ]
    lines = ["Laget målet (--create-target)."] if report.created else []
    lines.append(
        f"Sendt {_files(len(outcome.sent))}, slettet {_files(len(outcome.deleted))} "
        f"({_files(plan.unchanged)} var uendret) – {report.target}."
    )
    if plan.repair:
        repaired = sorted(plan.repair & set(outcome.sent))
        lines.append(f"Reparert på målet (manglet eller var endret): {', '.join(repaired)}.")
    if outcome.cleaned:
        lines.append(f"Ryddet bort {_files(len(outcome.cleaned))} fra en avbrutt overføring.")
    lines += _unknown_lines(plan)
    if outcome.ok:
        lines.append("Ferdig: nettstedet er oppdatert.")
    return lines


def _failure_lines(report: DeployReport) -> list[str]:
    outcome = report.outcome
    lines = [f"Feil: {_files(len(outcome.failures))} kunne ikke sendes eller slettes:"]
    lines += [f"  • {failure}" for failure in outcome.failures]
    lines.append(
        "Nettstedet på nett er fortsatt helt: ingen side som trenger disse filene er sendt, og "
        f"ingenting er slettet ({_files(outcome.stopped_before)} venter). Rett feilen og kjør "
        "«stemme deploy» igjen; da sendes resten."
    )
    return lines


def _as_json(report: DeployReport) -> dict[str, Any]:
    plan, outcome = report.plan, report.outcome
    return {
        "target": report.target,
        "dry_run": report.dry_run,
        "ok": report.ok,
        "files": report.files,
        "unchanged": plan.unchanged,
        "send": [{"path": p, "status": "ny" if p in plan.new else "endret"} for p in plan.send],
        "delete": list(plan.delete),
        "sent": outcome.sent,
        "deleted": outcome.deleted,
        "repair": sorted(plan.repair),
        "unknown": list(plan.unknown),
        "clean": list(plan.clean),
        "created": report.created,
        "failures": [{"path": f.path, "message": f.message} for f in outcome.failures],
    }


@click.command()
@click.option(
    "--dry-run", is_flag=True, help="Vis hva som ville blitt sendt og slettet; send ingenting."
)
@click.option("--full", is_flag=True, help="Send alle filene på nytt, også dem målet har fra før.")
@click.option(
    "--prune",
    is_flag=True,
    help="Slett også filer på målet som ikke er i output/ når Stemmes liste over hva som er "
    "lagt ut, mangler (aldri CNAME og .well-known/).",
)
@click.option(
    "--create-target",
    is_flag=True,
    help="Lag målmappa (eller repositoryet i en mappe her) hvis den ikke finnes. Uten dette "
    "er en mappe som mangler en feil – ofte en skrivefeil i target.",
)
@json_option()
@click.option(
    "--if-configured",
    is_flag=True,
    help="Uten [deploy] i stemme.toml: si hvor nettstedet ligger og hvordan publisering "
    "settes opp, og avslutt med 0 (brukes av make publish).",
)
def deploy(
    dry_run: bool,
    full: bool,
    prune: bool,
    create_target: bool,
    as_json: bool,
    if_configured: bool,
) -> None:
    """Publiser output/ til målet i [deploy] i stemme.toml.

    Sender bare det som er nytt eller endret: først kort, CSS, skrifter og PDF-er, så
    sidene, til slutt feeder og sitemap – og sletter sider som er fjernet, helt til slutt.
    Stopper det underveis, er nettstedet på nett fortsatt helt; kjør kommandoen igjen.
    Spør også målet hva det faktisk har: filer som mangler eller er endret der, sendes
    på nytt. Målet må finnes (første gang: --create-target).
    """
    paths, config = project().paths, project().config
    if config.deploy is None:
        if if_configured:
            click.echo(SETUP_HINT.format(output=paths.output))
            return
        raise DeployError(NOT_CONFIGURED)
    if not dry_run and not as_json:
        click.echo("Publiserer …", err=True)
    try:
        report = deploy_site(
            paths, config, dry_run=dry_run, full=full, prune=prune, create_target=create_target
        )
    except DeployError as exc:
        if not dry_run:
            remember_deploy(paths, _target_name(config), False, 0, 1)
        if dry_run or not (paths.output / "index.html").is_file():
            raise  # nothing built, or nothing meant to be published
        raise DeployError(f"{exc}\n{NOT_PUBLISHED}") from None
    if not dry_run:
        outcome = report.outcome
        remember_deploy(paths, report.target, report.ok, len(outcome.sent), len(outcome.failures))
    if as_json:
        echo_json(_as_json(report))
    else:
        for line in _summary(report):
            click.echo(line)
        if not report.ok:
            click.echo("\n".join(_failure_lines(report)), err=True)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _target_name(config: Any) -> str:
    deploy = config.deploy
    return str(deploy.target or deploy.bucket or deploy.kind)


def register(group: click.Group) -> None:
    group.add_command(deploy)
