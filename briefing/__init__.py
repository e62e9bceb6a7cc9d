"""The briefing pack: one self-contained, printable HTML file for meetings, offline.

:func:`briefing_html` turns a filtered :class:`~tracker.filters.View` into a single
HTML document: title, key figures, a map and a timeline drawn as inline SVG,
the coverage matrix, focus areas, milestones and sources. The file has no
script, no external stylesheet, font or image, and no link except the sources'
own http(s) addresses, so it opens the same from a USB stick, e-mail or a
printout. Every text that comes from the data is escaped with :func:`html.escape`.

Modules: :mod:`briefing.map`, :mod:`briefing.timeline`, :mod:`briefing.tables`
and :mod:`briefing.page` (the document), over :mod:`briefing.geometry` and
:mod:`briefing.markup`; ``python -m briefing`` writes the file.
"""

from briefing.page import briefing_html
from briefing.tables import cited_sources

__all__ = ["briefing_html", "cited_sources"]
