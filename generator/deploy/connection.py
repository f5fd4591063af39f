"""Why a connection to a deploy target failed, in Norwegian, with what to do about it.

ssh, rsync and git report in English and by symptom («Could not resolve hostname …»,
«Host key verification failed»). ``explain`` turns the usual ones into one sentence a
member of staff can act on; ``placeholder`` recognises the example addresses from the
README and the handbook, which are the easiest thing to leave in.
"""

from __future__ import annotations

import re

# (pattern in the tool's stderr, what it means and the fix; {host} is the server's name)
_CAUSES: tuple[tuple[str, str], ...] = (
    (
        r"Could not resolve hostname|Name or service not known|"
        r"Temporary failure in name resolution|nodename nor servname",
        "Fant ikke maskinen «{host}» (navnet finnes ikke i DNS, eller du er uten nett). "
        "Sjekk skrivemåten i [deploy] target i stemme.toml og at du er på nett.",
    ),
    (
        r"Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED",
        "SSH kjenner ikke igjen vertsnøkkelen til «{host}». Koble til én gang selv med "
        "«ssh {host}» og godta nøkkelen hvis fingeravtrykket stemmer med det webhotellet "
        "oppgir. Er nøkkelen endret, spør webhotellet før du fjerner den gamle "
        "(«ssh-keygen -R {host}»).",
    ),
    (
        r"Permission denied \((?:publickey|password|keyboard)",
        "«{host}» slapp deg ikke inn (SSH-nøkkelen ble ikke godtatt). Legg den offentlige "
        "nøkkelen (~/.ssh/id_ed25519.pub) inn hos webhotellet, og sjekk med «ssh {host}».",
    ),
    (
        r"Connection refused|Connection timed out|No route to host|Network is unreachable|"
        r"Connection closed by|Connection reset",
        "Fikk ikke kontakt med «{host}» (serveren svarer ikke på SSH). Sjekk navnet og "
        "porten, at du er på nett, og prøv igjen om litt.",
    ),
    (
        r"rsync: (?:command )?not found|rsync: No such file or directory|"
        r"remote command not found",
        "«{host}» har ikke programmet rsync. Be webhotellet installere det, eller velg "
        'kind = "s3" eller "git" (håndboken, «Publisere»).',
    ),
    (
        r"Permission denied \(13\)|Read-only file system|Operation not permitted",
        "Du har ikke skrivetilgang til målmappa på «{host}». Sjekk at [deploy] target peker "
        "på web-mappa di, og at brukeren din eier den.",
    ),
)


def explain(stderr: str, host: str) -> str | None:
    """One Norwegian sentence for a known ssh/rsync/git failure, or None."""
    for pattern, message in _CAUSES:
        if re.search(pattern, stderr):
            return message.format(host=host)
    return None


_PLACEHOLDERS = re.compile(
    r"(?:^|[@/.:])(?:vert|example|eksempel)\.(?:example|invalid|test|com|org|net|no)\b"
    r"|\.example(?:[:/]|$)|organisasjon/nettsted|navnet-pa-botta",
    re.IGNORECASE,
)


def placeholder(value: str) -> bool:
    """Whether ``value`` is one of the example addresses in the README or the handbook."""
    return bool(_PLACEHOLDERS.search(value))
