# ruff: noqa: E501 - the table of words reads best one field per line
"""Model fields → Sveltia CMS fields, with the Norwegian words staff see.

:func:`cms_fields` walks a pydantic model's fields in order and makes one CMS field for
each: the widget from the field's type (``date`` → date picker, ``int`` → number with the
model's bounds, ``Literal`` → a select, a nested model → an object, a list of models → a
list of objects), ``required`` from the model. The label and the hint come from
:data:`WORDS`; a model field without words there raises :class:`MissingWords`, so a field
added to a model can't be forgotten in the editor (``tests/admin`` builds every
collection).

The hints carry the field documentation that used to live only in YAML comments: a CMS
rewrites the YAML on save and drops every comment.
"""

from __future__ import annotations

import datetime
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel

SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "Bare små bokstaver a–z, tall og bindestrek"]
URL_PATTERN = [r"^https?://\S+$", "Må være en nettadresse som starter med https://"]
CLOCK_PATTERN = ["^([01][0-9]|2[0-3]):[0-5][0-9]$", "Skriv klokkeslettet som TT:MM, f.eks. 09:00"]
FACTS = "fakta"  # the collection (and its one file) holding content/fakta.yaml


class MissingWords(LookupError):
    """A model field has no Norwegian label in :data:`WORDS`."""


@dataclass(frozen=True)
class Words:
    """What staff see for one field, and how it is edited when its type doesn't say."""

    label: str
    hint: str = ""
    widget: str = ""  # "text", "markdown", "color", "fact", "facts", "topics"; "" = from type
    pattern: tuple[str, str] | None = None
    required: bool | None = None  # None = as the model says


_TOPICS = "Emner siden hører til. Hvert emne får sin egen side under /tema/."
_FACT_ID = "Velg et faktum fra Fakta. Finnes det ikke ennå, legg det til der først."

# fmt: off
WORDS: dict[str, dict[str, Words]] = {
    "PositionMeta": {
        "title": Words("Tittel", "Overskriften på siden."),
        "summary": Words("Ingress", "Én eller to setninger som vises i lister og når siden deles.", "text"),
        "date": Words("Dato", "Datoen standpunktet ble vedtatt eller publisert."),
        "updated": Words("Oppdatert", "Fyll inn når innholdet er endret vesentlig."),
        "topics": Words("Emner", _TOPICS, "topics"),
        "facts": Words("Fakta", "Fakta som vises i faktaboksene nederst på siden.", "facts"),
        "translation_of_version": Words("Oversatt fra versjon", "Bare i en oversettelse (om-oss.en.md): versjonen av originalen den er laget fra. stemme check sier hvilken."),
        "reviewed": Words("Lest av morsmålsbruker", "Bare i en oversettelse: kryss av når en som har språket som morsmål, har lest den."),
    },
    "ResponseMeta": {
        "title": Words("Tittel", "F.eks. «Høringssvar – forslag om …»."),
        "summary": Words("Ingress", "Én eller to setninger som vises i lister.", "text"),
        "date": Words("Dato", "Datoen på brevet. Filnavnet starter med den."),
        "department": Words("Mottaker (departement)", "F.eks. Justis- og beredskapsdepartementet."),
        "consultation": Words("Lenke til høringen", "Adressen til høringssiden, https://…", pattern=tuple(URL_PATTERN)),
        "reference": Words("Deres ref.", "Høringens saksnummer, f.eks. 26/1234."),
        "our_reference": Words("Vår ref.", "Vårt eget saksnummer, hvis vi har et."),
        "deadline": Words("Frist", "Høringsfristen."),
        "status": Words("Status", "«Utkast» publiseres aldri. Sett «Sendt» og sendt dato når svaret er sendt."),
        "sent": Words("Sendt dato", "Påkrevd når status er «Sendt» (stemme check sier fra)."),
        "signed_by": Words("Signert av", "Hvem som signerer brevet (PDF)."),
        "topics": Words("Emner", _TOPICS, "topics"),
        "facts": Words("Fakta", "Fakta svaret viser til.", "facts"),
    },
    "Signer": {
        "name": Words("Navn"),
        "role": Words("Rolle", "F.eks. daglig leder."),
    },
    "PageMeta": {
        "title": Words("Tittel"),
        "summary": Words("Ingress", "Én eller to setninger som vises i lister og når siden deles.", "text"),
        "slug": Words("Adresse (slug)", "Siste del av adressen, f.eks. om-oss. Tomt: filnavnet.", pattern=tuple(SLUG_PATTERN)),
        "menu": Words("Plass i menyen", "1 = først i hovedmenyen. Tomt: ikke i menyen."),
        "facts": Words("Fakta", "Fakta som vises i faktaboksene nederst på siden.", "facts"),
        "translation_of_version": Words("Oversatt fra versjon", "Bare i en oversettelse (om-oss.en.md): versjonen av originalen den er laget fra. stemme check sier hvilken."),
        "reviewed": Words("Lest av morsmålsbruker", "Bare i en oversettelse: kryss av når en som har språket som morsmål, har lest den."),
    },
    "Fact": {
        "id": Words("Id", "Navnet sider og kampanjer bruker på faktumet. Endres aldri etter at det er tatt i bruk.", pattern=tuple(SLUG_PATTERN)),
        "figure": Words("Tall", "Det store tallet på kortet, f.eks. «1 av 4» eller «759»."),
        "statement": Words("Setning", "Setningen tallet fullfører, f.eks. «… av drapene er partnerdrap»."),
        "source": Words("Kilde", "Hvor tallet kommer fra. Alle fakta må ha kilde."),
        "detail": Words("Utdyping", "Valgfri forklaring som vises under tallet på faktasiden.", "text"),
        "topics": Words("Emner", _TOPICS, "topics"),
        "updated": Words("Sist sjekket", "Datoen noen sist sjekket tallet mot kilden."),
    },
    "Source": {
        "name": Words("Navn", "F.eks. Kripos, SSB."),
        "url": Words("Lenke", "Adressen til kilden, https://…", pattern=tuple(URL_PATTERN)),
        "year": Words("År", "Året tallet gjelder. Eldre enn grensen i stemme.toml gir en advarsel."),
    },
    "Campaign": {
        "name": Words("Navn", "Kampanjens navn, f.eks. «Taushet tar liv 2026»."),
        "year": Words("År"),
        "summary": Words("Sammendrag", "Vises i kampanjearkivet.", "text"),
        "slogan": Words("Slagord"),
        "start": Words("Start", "Tomt: 25. november.", required=False),
        "end": Words("Slutt", "Tomt: 10. desember.", required=False),
        "focus": Words("Årets fokus", "Markdown. Vises øverst på kampanjesiden.", "markdown"),
        "lead_fact": Words("Hovedfaktum", _FACT_ID, "fact"),
        "sections": Words("Seksjoner", "Avsnitt på kampanjesiden, i rekkefølge."),
        "legal_basis": Words("Rettsgrunnlag", "Lover og konvensjoner kampanjen viser til."),
        "partners": Words("Partnere"),
        "funder": Words("Støttet av"),
        "hashtags": Words("Emneknagger", "Med #. Den første er kampanjens hovedknagg."),
        "colours": Words("Farger", "Kampanjens egne farger (#RRGGBB). Tomt: organisasjonens."),
        "international_url": Words("Internasjonal lenke", "Lenke til den internasjonale kampanjen.", pattern=tuple(URL_PATTERN)),
        "days": Words("Dager", "Én dag per dato i perioden, med tema, faktum, budskap og innlegg."),
    },
    "Section": {
        "id": Words("Id", "Ankeret i adressen (#id). Tomt: laget av tittelen.", pattern=tuple(SLUG_PATTERN)),
        "title": Words("Tittel"),
        "body": Words("Tekst", "Markdown. Står teksten i en egen fil, bruk «Fil» i stedet.", "markdown"),
        "file": Words("Fil", "En Markdown-fil ved siden av campaign.yaml, f.eks. hvorfor.md."),
    },
    "LegalBasis": {
        "name": Words("Navn", "F.eks. Istanbulkonvensjonen."),
        "obliges": Words("Forplikter", "Hvem den forplikter og til hva.", "text"),
        "duties": Words("Plikter", "Én plikt per linje."),
    },
    "Organisation": {
        "name": Words("Navn"),
        "url": Words("Lenke", "https://…", pattern=tuple(URL_PATTERN)),
    },
    "Colours": {
        "primary": Words("Hovedfarge", widget="color"),
        "on_primary": Words("Tekst på hovedfarge", widget="color"),
        "accent": Words("Aksent", widget="color"),
    },
    "Day": {
        "date": Words("Dato"),
        "theme": Words("Tema", "Dagens tema, vises på dagens side."),
        "fact": Words("Faktum", _FACT_ID, "fact"),
        "message": Words("Budskap", "Dagens budskap på kampanjesiden.", "text"),
        "post": Words("Innlegg", "Teksten til X, Bluesky og Mastodon. {lenke} blir adressen til dagens side. Lengden sjekkes per kanal.", "text"),
        "time": Words("Klokkeslett", "Når innlegget postes (TT:MM, f.eks. 10:30). Tomt: default_time i [posting] i stemme.toml.", pattern=tuple(CLOCK_PATTERN)),
    },
}
# fmt: on


def fact_relation(multiple: bool) -> dict[str, Any]:
    """A drop-down of the ids in content/fakta.yaml (the root list of the «fakta» file)."""
    return {
        "widget": "relation",
        "collection": FACTS,
        "file": FACTS,
        "value_field": "facts.*.id",
        "search_fields": ["facts.*.id", "facts.*.figure", "facts.*.statement"],
        "display_fields": ["facts.*.id"],
        "multiple": multiple,
    }


def cms_fields(
    model: type[BaseModel], topics: list[str], skip: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """One CMS field per model field (in the model's order), with Norwegian words."""
    words = WORDS.get(model.__name__, {})
    fields = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        if name not in words:
            raise MissingWords(f"{model.__name__}.{name} har ingen norsk etikett i WORDS")
        said = words[name]
        field = {"name": name, "label": said.label}
        field |= _widget(info.annotation, info.metadata, said, topics, skip)
        required = info.is_required() if said.required is None else said.required
        if not required:
            field["required"] = False
        if said.hint or field.get("hint"):
            field["hint"] = " ".join(h for h in (said.hint, field.pop("hint", "")) if h)
        if said.pattern:
            field["pattern"] = list(said.pattern)
        fields.append(field)
    return fields


def _widget(
    annotation: Any, metadata: list[Any], said: Words, topics: list[str], skip: frozenset[str]
) -> dict:
    kind = _strip(annotation)
    if said.widget == "fact":
        return fact_relation(multiple=False)
    if said.widget == "facts":
        return fact_relation(multiple=True)
    if said.widget == "topics":
        known = ", ".join(topics) if topics else "ingen ennå"
        return {"widget": "list", "hint": f"Emner som finnes: {known}."}
    if said.widget in ("text", "markdown", "color"):
        return {"widget": said.widget}
    if kind is datetime.date:
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if kind is bool:
        return {"widget": "boolean"}
    if kind is int:
        number: dict[str, Any] = {"widget": "number", "value_type": "int"}
        for rule in [*metadata, *_annotated_rules(annotation)]:
            if isinstance(rule, Ge):
                number["min"] = rule.ge
            if isinstance(rule, Le):
                number["max"] = rule.le
        return number
    if get_origin(kind) is Literal:
        options = [{"label": str(v).capitalize(), "value": v} for v in get_args(kind)]
        return {"widget": "select", "options": options, "default": options[0]["value"]}
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {"widget": "object", "fields": cms_fields(kind, topics, skip)}
    if get_origin(kind) is list:
        (item,) = get_args(kind)
        item = _strip(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return {"widget": "list", "fields": cms_fields(item, topics, skip)}
        return {"widget": "list"}
    return {"widget": "string"}


def _strip(annotation: Any) -> Any:
    """``Annotated[X, …]`` → X and ``X | None`` → X."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, types.UnionType):
            rest = [a for a in get_args(annotation) if a is not type(None)]
            annotation = rest[0]
        else:
            return annotation


def _annotated_rules(annotation: Any) -> list[Any]:
    return list(get_args(annotation)[1:]) if get_origin(annotation) is Annotated else []
