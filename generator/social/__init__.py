"""The social poster: campaign days out to X, Mastodon and Bluesky once each, on time.

What is inside::

    plan.py        campaign + config + card lookup → PlanItem (text, card, alt text, the
                   length each channel counts, every problem); pure, validated up front
    limits.py      what a post may hold per channel (X's weighted 280, Bluesky's 300
                   graphemes, Mastodon's 500), alt text and card rules
    checks.py      the poster's part of ``stemme check`` (every day's post fits)
    channel.py     Post, Receipt, the Channel protocol and the error tree that tells the
                   ledger whether a retry is safe (NotSent, SafeToRepeat, Rejected, Unknown);
                   credentials from the environment, redaction
    x.py, mastodon_channel.py, bluesky.py   one Channel per service (HTTP edge only here)
    registry.py    CHANNELS: a service's name → how to connect (live) and preview (dry run)
    ledger.py      the posting ledger in the state DB: a drawn state machine, ``sending``
                   committed before the network call, never posted twice
    posting.py     ``post due``: decide() → Decision per item, then send() and record
    progress.py    where a post stands now: the ledger status plus the clock («IKKE SENDT»
                   when its time passed unsent), for post status, stemme status, handbook
    manual.py      the campaign kit (campaigns.kit) as folders for Facebook and Instagram
    commands.py    ``stemme post plan|due|retry|status|export``

How data flows::

    campaigns/*/campaign.yaml ─┐
    stemme.toml [posting] ─────┼─> plan.build_plan ─> PlanItem ─┬─> post plan (print)
    card manifest (images) ────┘                               ├─> manual.export_kit
                                                               └─> posting.run_due
    run_due: for each due item  ledger row ─> decide() ─> Decision
        SEND, live ─> ledger.claim (committed) ─> Channel.publish ─> Receipt ─> published
                                                       └─> error kind ─> failed / unknown
        SEND, dry run ─> registry preview (exactly what would be sent)
        anything else ─> reported (and «for sent» / a passed safe window recorded)

A failure the service can safely see twice (Mastodon's Idempotency-Key within its hour,
Bluesky's fixed record key) is retried by the next cron run with no person involved; one
that might post twice (X, Mastodon past the hour) waits as «ukjent» for ``post retry``.
"""
