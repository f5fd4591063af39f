"""Browser editing: ``/admin/`` in the built site, a pinned and self-hosted Sveltia CMS.

Staff edit the same files Stemme builds from, in the browser; each save is a commit on
the git host, whose CI (``.github/workflows/publish.yml``, ``.gitlab/ci/publish.yml``,
``.forgejo/workflows/publish.yml``) runs ``stemme check`` and ``make publish``.

    fields       model field → CMS field, with the Norwegian label and hint of each
                 (a model field without words fails the build: the two can't drift)
    cms_config   the whole configuration from the content models and ``[admin]``
    page         writes ``admin/``: index.html (own CSP, noindex), the vendored bundle,
                 its fonts, setup.js (fact box and photo components, preview styles)
    vendor/      Sveltia CMS and three fonts, byte for byte from npm; vendor.json has
                 each package's version and npm integrity and each file's sha256

Vendored rather than installed at build time: the build never reads the network, a
staff member's clone needs no Node, and a test checks every byte against vendor.json.
Flow: content models (site, facts, campaigns) → here → the site plugin writes it.
"""

from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "write_admin": ("generator.admin.page", "write_admin"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "write_admin",
]
