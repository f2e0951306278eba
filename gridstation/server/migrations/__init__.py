"""Alembic migrations of the district server's schema, run in code (``database.migrate``)."""
