"""Test and measurement harness: a real Streamlit server and headless Debian Chromium."""
