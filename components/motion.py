"""Whether the browser asks for reduced motion (``prefers-reduced-motion: reduce``).

Streamlit cannot read a media query on the server, so a tiny script-only component
(``st.components.v2``: no HTML, no styling, nothing loaded from the network) reads
``matchMedia`` in the browser and reports a ``reduce`` answer, and any later change. The default
answer (no reduced motion) is never reported: a report starts a script run, and one on every
page load would be a second run during the map's first draw.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  const { setStateValue } = component;
  const query = window.matchMedia("(prefers-reduced-motion: reduce)");
  const report = () => setStateValue("reduce", query.matches);
  if (query.matches) report();
  query.addEventListener("change", report);
  return () => query.removeEventListener("change", report);
}
"""

KEY = "ui.motion"
_component = st.components.v2.component("c40_reduced_motion", js=_JS)


def prefers_reduced_motion() -> bool:
    """True when the browser reports ``prefers-reduced-motion: reduce`` (False until it reports)."""
    result = _component(key=KEY, default={"reduce": False}, on_reduce_change=lambda: None)
    return bool(getattr(result, "reduce", False))
