"""The station's local store: SQLite, migrations, unit of work with outbox, accounts, audit. No Qt."""
