"""The social poster: campaign days out to X, Mastodon and Bluesky once each, on time.

What is inside::

    plan.py        campaign + config + card lookup → PlanItem (text, card, alt text, the
                   length each channel counts, every problem); pure, validated up front
    channels.py    THE channel table: name, display name, kit file, how text, alt text and
                   card are counted and limited, the module that connects and previews.
                   Adding a channel is a row here (plus, for one Stemme posts to itself,
                   a module with connect/preview/ENV); the kit reads it too
    limits.py      each service's rules with their sources (X's weighted 280, Bluesky's
                   300 graphemes, Mastodon's 500, Instagram's caption), no channel names
    checks.py      the poster's part of ``stemme check`` (every day's post fits)
    channel.py     Post, Receipt, the Channel protocol and the error tree that tells the
                   ledger whether a retry is safe (NotSent, SafeToRepeat, Rejected, Unknown);
                   credentials from the environment, redaction
    x.py, mastodon_channel.py, bluesky.py   one Channel per service (HTTP edge only here)
    registry.py    the posted channels of the table → their modules' connect (live) and
                   preview (dry run), imported on first use
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

from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "CARD_FORMAT": ("generator.social.plan", "CARD_FORMAT"),
    "CHANNELS": ("generator.social.channels", "CHANNELS"),
    "CHANNEL_KINDS": ("generator.social.registry", "CHANNELS"),
    "CardRef": ("generator.social.plan", "CardRef"),
    "Ledger": ("generator.social.ledger", "Ledger"),
    "LedgerRow": ("generator.social.ledger", "LedgerRow"),
    "MANUAL": ("generator.social.channels", "MANUAL"),
    "NEEDS_ACTION": ("generator.social.progress", "NEEDS_ACTION"),
    "PLAN_CHANNELS": ("generator.social.plan", "CHANNELS"),
    "PlanItem": ("generator.social.plan", "PlanItem"),
    "build_plan": ("generator.social.plan", "build_plan"),
    "check": ("generator.social.checks", "check"),
    "display_name": ("generator.social.channels", "display_name"),
    "due_items": ("generator.social.commands", "due_items"),
    "label": ("generator.social.progress", "label"),
    "moment": ("generator.social.progress", "moment"),
    "post_state": ("generator.social.progress", "post_state"),
    "print_outcomes": ("generator.social.commands", "print_outcomes"),
    "run_due": ("generator.social.posting", "run_due"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "CARD_FORMAT",
    "CHANNELS",
    "CHANNEL_KINDS",
    "MANUAL",
    "NEEDS_ACTION",
    "PLAN_CHANNELS",
    "CardRef",
    "Ledger",
    "LedgerRow",
    "PlanItem",
    "build_plan",
    "check",
    "display_name",
    "due_items",
    "label",
    "moment",
    "post_state",
    "print_outcomes",
    "run_due",
]
