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


def fit_error(
    fact: Fact, book: FactBook, kept: KeptResults | None = None, lang: str = ""
) -> FactError | None:
    """The fact's first text (in ``lang``; "" = bokmål) that fits no card format, as a
    FactError (else None)."""
    text = fact.text(lang or "nb")
    texts = {"figure": text.figure, "statement": text.statement, "source": text.source_line}
    if kept is None:
        problem = fit_problem(texts, lang)
    else:
        problem = kept.get(
            [lang, *texts.values()] if lang else list(texts.values()),
            lambda: fit_problem(texts, lang),
        )
    if problem is None:
        return None
    field, what, fix = _TOO_LONG[problem[0]]
    if lang:
        field = "source_line" if problem[0] == "source" else problem[0]
        field = f"translations.{lang}.{field}"
    return FactError(
        f"«{fact.id}»: {what} til å få plass på kortet (formatet «{problem[1]}»"
        + (f", språket «{lang}»)." if lang else ")."),
        file=book.path,
        line=book.line(fact.id),
        field=f"{fact.id}.{field}",
        fix=fix,
    )


def fit_errors(book: FactBook, kept: KeptResults | None = None) -> list[ContentError]:
    """Every fact, in bokmål and in each language it is translated into (a source name
    too long in bokmål is reported once, not again for each translation that uses it)."""
    errors: list[ContentError] = []
    for fact in book:
        first = fit_error(fact, book, kept)
        errors += [first] if first else []
        for lang in fact.languages:
            error = fit_error(fact, book, kept, lang)
            inherited = fact.translations[lang].source_line is None
            if error and not (
                first
                and inherited
                and first.field.endswith("source.name")
                and str(error.field).endswith("source_line")
            ):
                errors.append(error)
    return errors


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
