"""The shared core: what every area uses, and which imports no area.

    config      stemme.toml → a frozen ``Config``; ``Paths`` for every shared folder/file
    errors      the exception tree (``StemmeError`` and its Norwegian messages)
    validation  pydantic → Norwegian field explanations («Mente du …?», impossible
                dates); shared validators; suggest_slug; yaml_problem
    slugs       the one slug function (æ → ae, ø → o, å → a, accents dropped)
    untrusted   text from outside: the one control-character set, http(s) links, HTML text
    yaml_files  the YAML loader for staff files (lines, duplicate keys; libyaml when
                installed, with the same results) and PyYAML's errors in Norwegian,
                with the usual fix
    html_safety the allow-list for HTML rendered from staff Markdown (elements, attributes,
                addresses that stay in the project) and the nh3 sanitiser it drives
    safe_paths  content files that are regular files inside the project; walks that never
                follow folder links; the files a user names to be written
    arguments   click types for names, paths and --now on the command line (never
                outside the project)
    command_line  what every command shares: the project (paths, config) on the click
                context, --json and its one JSON dump, --now
    dates       Norwegian dates (babel, bokmål), Europe/Oslo, and the one now()/today()
    fonts       Lato from the installed font package: the one face table and font
                digest; cached WOFF2 web fonts
    state       the SQLite state DB (watcher and posting ledger), per-area migrations
    calendar    the header every .ics file Stemme makes shares
    workers     one function over many items on every core (cards, letters)
    hardlinks   a cached file placed in a site being built: hard link, else copy
    files       the one atomic write and the one file digest; the digests a cache entry
                records and checks
    code_version  one digest of Stemme's code and every installed package (cache keys)
    swap        the output lock, the atomic folder exchange, cleanup after a kill,
                world-readable modes (0755/0644): shared by the build and the deploy
    http_headers  CSP (meta and header), security headers, Content-Type, Cache-Control,
                the /admin/ rule: what the build writes and the deploy sends

Flow of imports: core ← models (facts, campaigns) ← cards (images, pdf) ←
site / social / watch / handbook ← cli. Nothing in ``core`` imports from those.
"""
