"""Following a matter after our response: høring → Prop. → sak → høring i komiteen →
Innst. → votering → Lovvedtak → sanksjon → i kraft → Lovdata.

What is inside::

    refs.py       «Prop. 23 LS (2026-2027)» / «(2026–2027)»: one form; Props, Innst. and
                  Lovvedtak found in a growing ``henvisning``
    stortinget.py data.stortinget.no saker, sak, voteringer, horingsprogram (XML or JSON)
                  → plain records; placeholders as «no date», enum numbers never guessed
    published.py  our answer among those the ministry published (``?showSvar=true``)
    statsrad.py   «Offisielt fra statsråd»: Lovvedtak → law number, entry into force
    lovdata.py    Lovdata's consolidated laws (public data): our law's changes are in
    steps.py      records → the Norwegian step lines (kind, ref, date, text, link)
    store.py      tables (area «follow»): matters, links, cases, steps — each step once
    responses.py  the matters: every sent response in content/hoeringssvar/
    public.py     the public steps file beside a response (written here, read by the build)
    poll.py       one follow-up run inside «stemme watch»; each part fails on its own
    commands.py   «stemme follow»: list, timeline, confirm/add/reject links

How data flows::

    sent responses ─> matters ─┬─ proposition feed ─> suggestion ─(stemme follow)─> Prop.
                               ├─ saker?sesjonid= (this + last session) ─> cases by henvisning
                               │     └─ changed only ─> sak?sakid= + voteringer?sakid=
                               ├─ stored Stortinget hearings (sak_id) + horingsprogram
                               ├─ ?showSvar=true (our answer) · Offisielt fra statsråd
                               ├─ Lovdata publicData list → gjeldende-lover.tar.bz2
                               └─> follow_steps (once) ─> «stemme watch», digest, handbook,
                                   content/hoeringssvar/<svar>.videre.yaml ─> the site
"""
