"""The public site: Pelican with Stemme's content model, plugins and an atomic build.

    content_model       front matter models per folder; every problem of every .md file
                        (fields, fact ids, broken fact markers, risky HTML, file names) at once
    checks              ``stemme check``: the content model plus each area's check,
                        sorted by file and line
    build               validate everything, run Pelican into a temp folder, swap it in:
                        output/ (publish) or build/preview/ (preview, drafts shown);
                        says what it made and reused
    fingerprint         the no-change shortcut: every input, the code version and the
                        campaign day hashed; unchanged → nothing is built
    swap                the output lock, the atomic folder exchange, cleanup after a kill,
                        world-readable modes (0755/0644)
    pelican_log         Pelican's log in Norwegian; nothing of it reaches the terminal
    preview             ``stemme serve``: rebuild on change, local server, error page
    commands            ``stemme build``, ``stemme check``, ``stemme serve``
    project             the project (paths, stemme.toml) a Pelican build belongs to
    plugin              Pelican plugin: our reader, self-served fonts, sitemap, robots.txt,
                        brand colours stylesheet, _headers and .htaccess, admin/ (the
                        browser editor, generator.admin)
    http_headers        CSP (meta and header), security headers, Content-Type, Cache-Control;
                        the /admin/ rule
    stylesheets         brand and campaign colours as generated CSS (no inline style)
    reader              Markdown reader that validates front matter with the content model
    conversion          Markdown → HTML: one converter per build; missing texts converted
                        ahead on every core
    markdown_cache      converted texts kept between builds (key: body, facts, settings,
                        code version; photos checked)
    fonts               Lato as WOFF2 for the theme (made in another process when missing)
    fact_boxes          ``[[fakta:ID]]`` → the one fact box markup (also a Jinja global)
    card_links          what a template gets for a card; cards linked into output/kort/
    facts_plugin        /fakta/ pages, title cards, og:image for every page
    campaign_generator  campaign landing, day and archive pages, and the campaign kit's zip
    topics              /tema/<slug>/ and /tema/ from every ``topics:`` value (a generator)
    photos              content/bilder/ photos → <picture> (Markdown), check, output/bilder/
    search              the Pagefind index of the finished build (``SEARCH_INDEX``); the
                        last one reused when no page changed
    letters             a høringssvar file → its letter (content model, Markdown, facts)
    letters_plugin      every sent høringssvar's PDF, linked from its page

Flow: fingerprint (unchanged → done) → content/*.md + fakta.yaml + campaigns/ → checks
→ Pelican (reader, plugins, generators; each sent høringssvar also → a generator.pdf
letter) → temp folder (+ search index) → world-readable → swapped in as output/
(``make publish``; then ``generator.deploy`` sends it) or build/preview/ (``make serve``).
Texts, cards, letters, photos, fonts, the kit and the search index come from
``.cache/stemme/`` when nothing they depend on changed, and are hard-linked into the site.
The site reads content, never the network or the state DB.
"""
