"""The district server (FastAPI). No Qt.

``app`` (HTTP API, protocol 2) → ``push`` / ``pull`` / ``stations`` (sync and enrolment rules)
→ ``schema`` + ``database`` (SQLAlchemy Core on SQLite or PostgreSQL, Alembic ``migrations``).
``refusals``, ``body_limit`` and ``checks`` answer and audit what is refused; ``district`` holds
the district structure and catalogue; ``cli`` is ``python -m gridstation.server``.
"""
