"""`stemme deploy` as staff run it: messages, --dry-run, --json, --if-configured, exit codes."""

from __future__ import annotations

import json

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
