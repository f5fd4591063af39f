"""WeasyPrint on a machine without Pango or HarfBuzz: the letter command stops with the
Norwegian fix, nothing half-written, instead of cffi's «cannot load library»."""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder

import pytest

from tests.pdf.conftest import SENT, run

CFFI_SAYS = (
    "cannot load library 'pango-1.0-0': pango-1.0-0: cannot open shared object file: "
    "No such file or directory.  Additionally, ctypes.util.find_library() did not manage "
    "to locate a library called 'pango-1.0-0'"
)


class NoPango(MetaPathFinder):
    """Importing WeasyPrint fails as it does where the system libraries are missing."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError(CFFI_SAYS)
        return None


@pytest.fixture
def no_pango(monkeypatch):
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])


def test_missing_system_libraries_give_the_fix(project, capsys, no_pango):
    out_file = project.root / "brev.pdf"
    code, out, err = run(capsys, "letter", SENT, "--out", str(out_file))
    assert (code, out) == (1, "")
    assert err == (
        "Feil: Brevene (PDF) kan ikke lages: WeasyPrint finner ikke systembibliotekene Pango "
        f"og HarfBuzz på denne maskinen ({CFFI_SAYS}). Slik retter du det: installer dem – på "
        "Debian og Ubuntu «sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0», på macOS «brew install pango» – og kjør kommandoen igjen.\n"
    )
    assert not out_file.exists()
