"""Three-way merge of two copies of the state, row by row: no run ever loses a row.

``base`` is the state both copies started from (the last commit this machine synced),
``local`` what this run made of it, ``remote`` what the branch holds now. For each key::

    local == remote           → that (both did the same, or neither did anything)
    local == base             → remote (only the other side changed it; also a deletion)
    remote == base            → local
    both changed, one deleted → the changed one (a change beats a deletion)
    both changed              → the table's rule (tables.TABLES):
        social_posts          the further status wins (published > unknown > sending >
                              failed > planned), then the newer updated_at; attempts = max
        consultations         column by column; a column both changed goes to the copy
                              seen last (last_seen), first_seen = the earlier, last_seen =
                              the later — so a consultation is «ny» once
        consultation_history  «ny» once per consultation (the earlier); other rows are
        social_attempts       named by their whole content: append-only, a union
        watch_sources         the newer last_polled
        schedule_runs         the copy that knows the run's end
"""

from __future__ import annotations

from generator.hosted.tables import BY_NAME, Row, Rows, Table


def merge_state(
    base: dict[str, Rows], local: dict[str, Rows], remote: dict[str, Rows]
) -> dict[str, Rows]:
    names = set(base) | set(local) | set(remote)
    return {
        name: merge_rows(
            BY_NAME[name], base.get(name, {}), local.get(name, {}), remote.get(name, {})
        )
        for name in sorted(names)
        if name in BY_NAME
    }


def merge_rows(table: Table, base: Rows, local: Rows, remote: Rows) -> Rows:
    merged: Rows = {}
    for key in set(base) | set(local) | set(remote):
        row = merge_row(table, base.get(key), local.get(key), remote.get(key))
        if row is not None:
            merged[key] = row
    return merged


def merge_row(table: Table, base: Row | None, local: Row | None, remote: Row | None) -> Row | None:
    if local == remote:
        return local
    if local == base:
        return remote
    if remote == base:
        return local
    if local is None or remote is None:
        return local if remote is None else remote
    if table.columnwise:
        return _columnwise(table, base or {}, local, remote)
    return table.winner(local, remote)


def _columnwise(table: Table, base: Row, local: Row, remote: Row) -> Row:
    winner = table.winner(local, remote)
    merged: Row = {}
    for column in set(local) | set(remote):
        mine, theirs, was = local.get(column), remote.get(column), base.get(column)
        if mine == theirs or theirs == was:
            merged[column] = mine
        elif mine == was:
            merged[column] = theirs
        else:
            merged[column] = winner.get(column)
    if "first_seen" in merged:
        merged["first_seen"] = min(local["first_seen"], remote["first_seen"])
        merged["last_seen"] = max(local["last_seen"], remote["last_seen"])
    return merged
