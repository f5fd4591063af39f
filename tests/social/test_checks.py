"""The poster's part of `stemme check`: a [posting] setting that would stop posting on the
campaign day is found before the campaign, with the file, the line and the fix."""

from __future__ import annotations

from generator.cli import main

SETTING = 'x_media_upload = "v2"'


def test_retired_x_upload_is_found_by_check(project, capsys):
    text = project.config.read_text(encoding="utf-8")
    assert SETTING in text
    project.config.write_text(text.replace(SETTING, 'x_media_upload = "v1.1"'), "utf-8")
    line = next(
        n
        for n, row in enumerate(project.config.read_text("utf-8").splitlines(), 1)
        if row.startswith("x_media_upload")
    )

    assert main(["check"]) == 1

    err = capsys.readouterr().err
    assert (
        f"  • stemme.toml, linje {line}: feltet «posting.x_media_upload»: "
        'x_media_upload = "v1.1": opplastingen via v1.1 (upload.twitter.com) er pensjonert av '
        "X og virker ikke lenger.\n"
        '    Slik retter du det: sett x_media_upload = "v2", eller fjern linjen.\n'
    ) in err


def test_retired_x_upload_is_no_error_when_x_is_not_posted_to(project, capsys):
    text = project.config.read_text(encoding="utf-8").replace(SETTING, 'x_media_upload = "v1.1"')
    text = text.replace('channels = ["x", "mastodon", "bluesky"]', 'channels = ["mastodon"]')
    assert 'channels = ["mastodon"]' in text
    project.config.write_text(text, "utf-8")

    assert main(["check"]) == 0
    assert "x_media_upload" not in capsys.readouterr().err
