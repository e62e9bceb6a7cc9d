"""Figure and layer builders (no Streamlit) and thin ``render_*`` helpers."""
