"""The district server (FastAPI). No Qt."""
