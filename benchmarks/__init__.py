"""Performance benchmarks: synthetic data at 1×–1000× and timings against Streamlit's floor."""
