"""The cards' part of ``stemme check``: every fact fits on every card format.

A figure, statement or source line that fits no text size of its slot would fail the
render; checked here first, it is a content error that names the fact, the field and
how to shorten it. Facts are the facts area's; what fits on a card is this area's rule.
"""

from __future__ import annotations

from generator.core import Config, ContentError, FactError, KeptResults, Paths, StemmeError
from generator.facts import Fact, FactBook, load_facts
from generator.images.layout import fit_problem

# slot → (field in fakta.yaml, what is too long, how to fix it)
_TOO_LONG = {
    "figure": ("figure", "tallet er for langt", "skriv tallet kortere, f.eks. «92,7 mrd. kr»."),
    "statement": (
        "statement",
        "tallet og setningen er for lange",
        "kort ned setningen (legg gjerne utdypingen i «detail»).",
    ),
    "source": ("source.name", "kildenavnet er for langt", "bruk et kortere navn på kilden."),
}


def fit_error(fact: Fact, book: FactBook, kept: KeptResults | None = None) -> FactError | None:
    """The fact's first text that fits no card format, as a FactError (else None)."""
    texts = {"figure": fact.figure, "statement": fact.statement, "source": fact.source_line}
    if kept is None:
        problem = fit_problem(texts)
    else:
        problem = kept.get(list(texts.values()), lambda: fit_problem(texts))
    if problem is None:
        return None
    field, what, fix = _TOO_LONG[problem[0]]
    return FactError(
        f"«{fact.id}»: {what} til å få plass på kortet (formatet «{problem[1]}»).",
        file=book.path,
        line=book.line(fact.id),
        field=f"{fact.id}.{field}",
        fix=fix,
    )


def fit_errors(book: FactBook, kept: KeptResults | None = None) -> list[ContentError]:
    return [error for fact in book if (error := fit_error(fact, book, kept))]


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Every fact that would not fit on its cards (fakta.yaml errors are the facts check's)."""
    try:
        book = load_facts(paths.facts)
    except (StemmeError, OSError):
        return [], []
    kept = KeptResults(paths.check_results / "faktakort.json")
    errors = fit_errors(book, kept)
    kept.save()
    return errors, []
