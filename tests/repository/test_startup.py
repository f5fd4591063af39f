"""``stemme`` starts without the client libraries of the social channels.

atproto (Bluesky), tweepy (X), Mastodon.py and twitter-text take more than a second to
load; a build, a check or ``--help`` needs none of them. Each is imported when its
channel (or X's counting rules) is first used, and Typst only when a letter is
rendered.
"""

from __future__ import annotations

import subprocess
import sys

from tests.project import ROOT

LAZY = ("atproto", "tweepy", "mastodon", "twitter_text", "typst", "fontTools.subset")


def test_the_command_line_loads_no_channel_library() -> None:
    code = f"import sys, generator.cli; print([m for m in {LAZY!r} if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
