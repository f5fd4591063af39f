"""``stemme status``: the campaign at a glance, for the person in charge.

One screen (or ``--json``) made of *sections*; each section is a plain function
``(StatusContext) -> Section`` in :data:`generator.status.sections.SECTIONS`, run in that
order. A section reads only what other parts already record — it never builds, posts,
fetches or writes:

    posting   social ledger (state DB) + the running campaign's plan
    site      build record (.cache/stemme/bygg/) + deploy note (.cache/stemme/publisert.json,
              written by stemme deploy)
    translations  translations whose original changed since (content/, read only), and
              how many are not reviewed yet
    watching  watch_sources in the state DB
    scheduled the git host's job runs on the state branch this checkout last fetched
              (generator.hosted.runs; no network)
        └─> Section: Lines, each with a level, a Norwegian text and the exact fix
            └─> the screen, or --json

``model`` holds StatusContext, Section and Line; ``sections`` the list; ``commands`` is
``stemme status``.

Adding a section: write a function that takes a
:class:`~generator.status.model.StatusContext` and returns a
:class:`~generator.status.model.Section`, in a module of its own under
``generator/status/``, and append it to ``SECTIONS``. Use ``ctx.db()`` for the state DB
(None when it does not exist yet) and ``ctx.now`` for the clock; a section that raises
:class:`~generator.core.errors.StemmeError` is shown as one «kunne ikke lese» line and the
others still run.
"""
