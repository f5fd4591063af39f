"""Which secrets each scheduled job needs, and a check that names every missing one.

A workflow step runs ``stemme state check JOB`` first, so a job without its secrets stops
at once with the names to add to the host's secret store, before anything is pulled,
claimed or sent. Only names are ever shown — never a value.

    post     the enabled channels' variables ([posting] channels in stemme.toml)
    publish  [deploy] kind s3: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY;
             kind rsync to another machine: STEMME_DEPLOY_SSH_KEY
    watch    nothing
    digest   the SMTP password named by [watch.digest] password_env (when it has a user)
    every job on GitLab: STEMME_GIT_TOKEN (the job's own token may not push)
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.core import Config
from generator.social import CHANNEL_KINDS as CHANNELS
from generator.social import display_name

JOB_NAMES = ("post", "publish", "watch", "digest")


def _channel_env(channel: str) -> tuple[str, ...]:
    """The channel's variables (its module loads its library, so only when asked)."""
    kind = CHANNELS.get(channel)
    return kind.env if kind else ()


def required(job: str, config: Config, env: Mapping[str, str]) -> dict[str, str]:
    """``{variable: what it is for}`` for ``job`` on this host."""
    needs: dict[str, str] = {}
    if job == "post":
        for channel in config.posting.channels:
            for name in _channel_env(channel):
                needs[name] = f"innlogging på {display_name(channel)}"
    elif job == "publish" and config.deploy is not None:
        if config.deploy.kind == "s3":
            needs["AWS_ACCESS_KEY_ID"] = "opplasting til S3"
            needs["AWS_SECRET_ACCESS_KEY"] = "opplasting til S3"
        elif config.deploy.kind == "rsync" and ":" in (config.deploy.target or ""):
            needs["STEMME_DEPLOY_SSH_KEY"] = "SSH-nøkkelen til webserveren"
    elif job == "digest" and config.watch.digest.host and config.watch.digest.user:
        needs[config.watch.digest.password_env] = "SMTP-passordet til e-posttjeneren"
    if env.get("GITLAB_CI"):
        needs["STEMME_GIT_TOKEN"] = "skrivetilgang til tilstandsgrenen"
    return needs


def missing(job: str, config: Config, env: Mapping[str, str]) -> dict[str, str]:
    return {n: why for n, why in required(job, config, env).items() if not env.get(n, "").strip()}


def missing_message(job: str, absent: Mapping[str, str]) -> str:
    lines = [
        f"Jobben «{job}» mangler 1 hemmelighet på git-verten:"
        if len(absent) == 1
        else f"Jobben «{job}» mangler {len(absent)} hemmeligheter på git-verten:"
    ]
    lines += [f"  {name} ({why})" for name, why in absent.items()]
    lines.append(
        "Legg dem inn i vertens hemmelighetslager (GitHub/Forgejo: Settings → Secrets and "
        "variables → Actions; GitLab: Settings → CI/CD → Variables, «Masked»), aldri i "
        "stemme.toml eller i repoet. Se håndboken: «Kampanjen uten egen server»."
    )
    return "\n".join(lines)
