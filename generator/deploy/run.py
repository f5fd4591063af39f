"""One deploy: read the built site, ask the target what it has, plan, send.

``deploy_site`` holds the output lock (no build can swap output/ while it is read), refuses
a folder that is not a built site, opens the target named in ``[deploy]`` and returns a
:class:`DeployReport`. Nothing is sent on a dry run; nothing but the target changes ever.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.core import Config, Deploy, DeployError, Paths, output_lock, recover
from generator.deploy.connection import placeholder
from generator.deploy.manifest import Manifest
from generator.deploy.outcome import Outcome
from generator.deploy.plan import Plan, Survey, make_plan
from generator.deploy.site_files import SiteFile, scan_site

NOT_CONFIGURED = (
    "stemme.toml har ingen [deploy]-del, så Stemme vet ikke hvor nettstedet skal. "
    'Legg til [deploy] med kind = "rsync", "s3" eller "git" (se håndboken, «Publisere»).'
)


class Target(Protocol):
    """What every target offers (rsync, s3, git); used as a context manager."""

    label: str

    def __enter__(self) -> Target: ...

    def __exit__(self, *exc: object) -> None: ...

    def exists(self) -> bool: ...

    def create(self) -> None: ...

    def read_manifest(self) -> Manifest | None: ...

    def survey(self, site: Path, files: dict[str, SiteFile], old: Manifest | None) -> Survey: ...

    def publish(
        self, site: Path, files: dict[str, SiteFile], plan: Plan, old: Manifest | None
    ) -> Outcome: ...


@dataclass
class DeployReport:
    target: str
    plan: Plan
    dry_run: bool
    files: int  # files in the built site
    outcome: Outcome = field(default_factory=Outcome)
    created: bool = False  # the target folder was (or, on a dry run, would be) created

    @property
    def ok(self) -> bool:
        return self.outcome.ok


def _refuse_placeholder(deploy: Deploy) -> None:
    value = deploy.target or deploy.bucket or ""
    if placeholder(value):
        field_name = "target" if deploy.target else "bucket"
        raise DeployError(
            f"[deploy] {field_name} = «{value}» i stemme.toml er eksempelet fra README-en eller "
            "håndboken, ikke en ekte adresse. Skriv inn deres egen server, bøtte eller "
            "repository (håndboken, «Publisere», steg 4)."
        )


def _missing_target(label: str) -> DeployError:
    return DeployError(
        f"Målet finnes ikke: {label}. Er det en skrivefeil i [deploy] i stemme.toml? Rett den. "
        "Skal målet lages nå (første gang), kjør «stemme deploy --create-target»."
    )


def open_target(deploy: Deploy, paths: Paths, config: Config) -> Target:
    """The target object for ``[deploy]`` (a context manager with read_manifest/publish)."""
    _refuse_placeholder(deploy)
    if deploy.kind == "rsync":
        from generator.deploy.rsync import RsyncTarget, is_remote

        assert deploy.target is not None
        if not is_remote(deploy.target):
            _refuse_overlap((paths.root / deploy.target).resolve(), paths.output.resolve())
        return RsyncTarget(deploy.target, paths.root)
    if deploy.kind == "s3":
        from generator.deploy.s3 import S3Target

        return S3Target(deploy)
    from generator.deploy.git import GitTarget

    assert deploy.target is not None
    author = (config.organisation.name, config.organisation.email)
    return GitTarget(deploy.target, deploy.git_branch, paths.deploy_repositories, author)


def _refuse_overlap(target: Path, output: Path) -> None:
    if target == output or output in target.parents or target in output.parents:
        raise DeployError(
            f"[deploy] target = «{target}» er output/ selv eller en mappe over eller under "
            "den. Velg en egen mappe for nettstedet, f.eks. /var/www/stemme."
        )


def _check_site(site: Path) -> None:
    if not (site / "index.html").is_file():
        raise DeployError(
            f"Fant ikke et ferdig bygget nettsted i {site}/ (index.html mangler). "
            "Kjør «make publish» først."
        )


def deploy_site(
    paths: Paths,
    config: Config,
    *,
    dry_run: bool = False,
    full: bool = False,
    prune: bool = False,
    create_target: bool = False,
) -> DeployReport:
    """Send output/ to the [deploy] target (only what changed, in a safe order).

    The target must exist (``create_target`` makes it). What the target reports is
    checked against the manifest: missing or changed files are sent again, and files
    nobody knows about (no manifest) are listed, or deleted with ``prune``.
    """
    if config.deploy is None:
        raise DeployError(NOT_CONFIGURED)
    site = paths.output.resolve()
    with output_lock(site):
        recover(site)
        _check_site(site)
        files = scan_site(site)
        with open_target(config.deploy, paths, config) as target:
            created = False
            if not target.exists():
                if not create_target:
                    raise _missing_target(target.label)
                created = True
                if dry_run:  # nothing there yet: everything would be sent
                    plan = make_plan(files, None, full=full, root=site)
                    return DeployReport(target.label, plan, dry_run, len(files), created=True)
                target.create()
            old: Manifest | None = target.read_manifest()
            survey = target.survey(site, files, old)
            plan = make_plan(files, old, full=full, survey=survey, prune=prune, root=site)
            report = DeployReport(target.label, plan, dry_run, len(files), created=created)
            if not dry_run:
                report.outcome = target.publish(site, files, plan, old)
    return report
