"""C40 China Programme Tracker core: load → validate → model, with no Streamlit."""

from tracker.dataset import LoadResult, default_data_dir, file_identity, load_dataset
from tracker.model import Model
from tracker.problems import Problem

__all__ = ["LoadResult", "Model", "Problem", "default_data_dir", "file_identity", "load_dataset"]
