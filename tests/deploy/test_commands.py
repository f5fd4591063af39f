"""`stemme deploy` as staff run it: messages, --dry-run, --json, --if-configured, exit codes."""

from __future__ import annotations

import json
import os

import pytest

from generator.cli import main
from tests.deploy.conftest import append_deploy, tree


def test_without_deploy_settings_it_says_how_to_set_them_up(project, capsys):
    assert main(["deploy"]) == 1
    assert capsys.readouterr().err == (
        "Feil: stemme.toml har ingen [deploy]-del, så Stemme vet ikke hvor nettstedet skal. "
        'Legg til [deploy] med kind = "rsync", "s3" eller "git" (se håndboken, «Publisere»).\n'
    )


def test_if_configured_explains_where_the_site_is_and_exits_0(project, capsys):
    assert main(["deploy", "--if-configured"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"Nettstedet er bygget i {project.output}/, men ikke publisert: stemme.toml har ingen "
        "[deploy]-del.\nSlik legger du det ut på nettet: legg til én av disse i stemme.toml og "
        "kjør make publish igjen.\n"
    )
    assert 'kind = "rsync"' in out and 'kind = "s3"' in out and 'kind = "git"' in out
    assert out.endswith(
        "Steg for steg: håndboken, «Publisere» (handbook/docs/rutiner/publisere.md).\n"
    )


def test_dry_run_lists_what_would_be_sent_and_deleted(project, tmp_path, capsys):
    target = tmp_path / "mål"
    target.mkdir()
    append_deploy(project, kind="rsync", target=str(target))
    assert main(["deploy"]) == 0
    capsys.readouterr()
    (project.output / "robots.txt").write_text("User-agent: *\n")
    (project.output / "kort" / "ny.png").write_bytes(b"\x89PNG")
    (project.output / "404.html").unlink()
    assert main(["deploy", "--dry-run"]) == 0
    assert capsys.readouterr().out == (
        f"Prøvekjøring mot rsync til {target}: ingenting blir sendt.\n"
        "Ville sendt 2 filer:\n"
        "  + kort/ny.png  (ny)\n"
        "  ~ robots.txt  (endret)\n"
        "Ville slettet 1 fil:\n"
        "  - 404.html\n"
        "Uendret: 13 filer.\n"
    )
    assert "404.html" in tree(target)


def test_deploy_reports_in_norwegian_and_json(project, tmp_path, capsys):
    target = tmp_path / "mål"
    target.mkdir()
    append_deploy(project, kind="rsync", target=str(target))
    assert main(["deploy"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "Publiserer …\n"
    assert captured.out == (
        f"Sendt 15 filer, slettet 0 filer (0 filer var uendret) – rsync til {target}.\n"
        "Ferdig: nettstedet er oppdatert.\n"
    )
    assert main(["deploy"]) == 0
    assert capsys.readouterr().out == (
        f"Ingenting å sende: rsync til {target} har alle 15 filer allerede.\n"
    )
    (project.output / "index.html").write_text("<!doctype html><title>Ny</title>\n")
    assert main(["deploy", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "target": f"rsync til {target}",
        "dry_run": False,
        "ok": True,
        "files": 15,
        "unchanged": 14,
        "send": [{"path": "index.html", "status": "endret"}],
        "delete": [],
        "sent": ["index.html"],
        "deleted": [],
        "repair": [],
        "unknown": [],
        "clean": [],
        "created": False,
        "failures": [],
    }


def test_a_folder_that_is_not_a_built_site_is_refused(project, tmp_path, capsys):
    append_deploy(project, kind="rsync", target=str(tmp_path / "mål"))
    (project.output / "index.html").unlink()
    assert main(["deploy"]) == 1
    assert capsys.readouterr().err.endswith(
        f"Feil: Fant ikke et ferdig bygget nettsted i {project.output}/ (index.html mangler). "
        "Kjør «make publish» først.\n"
    )


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"kind": "rsync"}, 'nøkkelen «deploy.target» mangler for kind = "rsync": skriv f.eks. '
         'target = "bruker@vert.example:/var/www/stemme" (eller en mappe, "/var/www/stemme")'),
        ({"kind": "s3"}, 'nøkkelen «deploy.bucket» mangler for kind = "s3": skriv f.eks. '
         'bucket = "navnet-pa-botta"'),
        ({"kind": "git", "target": "x", "bucket": "b"},
         'nøkkelen «deploy.bucket» brukes bare med kind = "s3"; fjern linjen'),
        ({"kind": "rsync", "target": "/srv", "branch": "main"},
         'nøkkelen «deploy.branch» brukes bare med kind = "git"; fjern linjen'),
        ({"kind": "s3", "bucket": "b", "endpoint_url": "minio.lokal:9000"},
         "nøkkelen «deploy.endpoint_url» må være en nettadresse som begynner med https:// "
         "(fant «minio.lokal:9000»)"),
    ],
)  # fmt: skip
def test_bad_deploy_settings_name_the_key_and_the_fix(project, capsys, settings, message):
    append_deploy(project, **settings)
    assert main(["deploy", "--dry-run"]) == 1
    assert capsys.readouterr().err == (
        f"Feil: {project.config}: {message}. Rett filen og prøv igjen.\n"
    )


FAKE_SSH = """#!/bin/sh
# Stand-in for ssh on PATH: fails the way the real one does for this cause.
case "$*" in *"-O exit"*) exit 0;; esac
printf '%s\\n' "$SSH_SAYS" >&2
exit 255
"""
HOST = "nettsted.krisesenter.no"


@pytest.mark.parametrize(
    "ssh_says, explained",
    [
        (f"ssh: Could not resolve hostname {HOST}: Name or service not known",
         f"Fant ikke maskinen «{HOST}» (navnet finnes ikke i DNS, eller du er uten nett). "
         "Sjekk skrivemåten i [deploy] target i stemme.toml og at du er på nett."),
        ("Host key verification failed.",
         f"SSH kjenner ikke igjen vertsnøkkelen til «{HOST}». Koble til én gang selv med "
         f"«ssh {HOST}» og godta nøkkelen hvis fingeravtrykket stemmer med det webhotellet "
         "oppgir. Er nøkkelen endret, spør webhotellet før du fjerner den gamle "
         f"(«ssh-keygen -R {HOST}»)."),
        (f"web@{HOST}: Permission denied (publickey).",
         f"«{HOST}» slapp deg ikke inn (SSH-nøkkelen ble ikke godtatt). Legg den offentlige "
         f"nøkkelen (~/.ssh/id_ed25519.pub) inn hos webhotellet, og sjekk med «ssh {HOST}»."),
        (f"ssh: connect to host {HOST} port 22: Connection refused",
         f"Fikk ikke kontakt med «{HOST}» (serveren svarer ikke på SSH). Sjekk navnet og "
         "porten, at du er på nett, og prøv igjen om litt."),
    ],
)  # fmt: skip
def test_ssh_failures_are_norwegian_with_the_fix_and_say_not_published(
    project, tmp_path, capsys, monkeypatch, ssh_says, explained
):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(FAKE_SSH)
    (bin_dir / "ssh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("SSH_SAYS", ssh_says)
    append_deploy(project, kind="rsync", target=f"web@{HOST}:/var/www/stemme")
    assert main(["deploy", "--if-configured"]) == 1  # what make publish runs after the build
    assert capsys.readouterr().err == (
        "Publiserer …\n"
        f"Feil: Kunne ikke nå rsync til web@{HOST}:/var/www/stemme: {explained}\n"
        "Nettstedet er bygget i output/, men ikke publisert: siden på nett er som før. Rett "
        "feilen over og kjør «make publish» (eller «stemme deploy») igjen.\n"
    )


@pytest.mark.parametrize(
    "settings, value",
    [
        ({"kind": "rsync", "target": "bruker@vert.example:/var/www/stemme"},
         "target = «bruker@vert.example:/var/www/stemme»"),
        ({"kind": "git", "target": "git@github.com:organisasjon/nettsted.git"},
         "target = «git@github.com:organisasjon/nettsted.git»"),
        ({"kind": "s3", "bucket": "navnet-pa-botta"}, "bucket = «navnet-pa-botta»"),
    ],
)  # fmt: skip
def test_the_readmes_placeholder_is_recognised(project, capsys, monkeypatch, settings, value):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    append_deploy(project, **settings)
    assert main(["deploy", "--dry-run"]) == 1
    assert capsys.readouterr().err == (
        f"Feil: [deploy] {value} i stemme.toml er eksempelet fra README-en eller håndboken, "
        "ikke en ekte adresse. Skriv inn deres egen server, bøtte eller repository "
        "(håndboken, «Publisere», steg 4).\n"
    )


def test_a_missing_target_is_an_error_that_says_not_published(project, tmp_path, capsys):
    typo = tmp_path / "www" / "stemmme"
    append_deploy(project, kind="rsync", target=str(typo))
    assert main(["deploy", "--if-configured"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Publiserer …\nFeil: Målet finnes ikke: rsync til {typo}.")
    assert err.endswith("Nettstedet er bygget i output/, men ikke publisert: siden på nett er "
                        "som før. Rett feilen over og kjør «make publish» (eller «stemme "
                        "deploy») igjen.\n")  # fmt: skip
    assert not typo.exists()
