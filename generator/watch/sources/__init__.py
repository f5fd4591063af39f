"""Source readers: bytes in, :class:`~generator.watch.model.Entry` list out. No network here.

* ``rss`` — any RSS/Atom feed (feedparser on bytes, after the DTD/ENTITY check);
* ``regjeringen`` — the regjeringen.no hearings feed plus its detail pages (deadline,
  status, department, reference);
* ``stortinget`` — data.stortinget.no ``eksport/horinger`` as XML (defusedxml) or JSON.
"""
