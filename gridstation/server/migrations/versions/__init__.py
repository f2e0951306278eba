"""Numbered migration scripts (``rNNNN_*.py``); never edit one that has shipped, add the next."""
