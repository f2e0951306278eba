"""People's mediation: cases, parties, transitions, session and investigation records with their
statements, agreements and follow-up visits. All syncable (outbox and journal triggers).

Case numbers are unique per committee and year by construction (station-partitioned numbering,
``domain.mediation_numbers``), not by a unique index: a pulled record that broke such an index
would stop the station's sync for good. Two stations misconfigured onto one block would instead
produce a duplicate that ``mediation_queries.duplicate_numbers`` finds and the case list shows.
"""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements, syncable_table

NUMBER = 6

TABLES = {
    "mediation_case": """committee_code TEXT NOT NULL,
           year INTEGER NOT NULL,
           number INTEGER NOT NULL,
           case_no TEXT NOT NULL,
           title TEXT NOT NULL,
           dispute_type TEXT NOT NULL,
           source TEXT NOT NULL,
           facts TEXT NOT NULL DEFAULT '',
           amount_fen INTEGER NOT NULL DEFAULT 0,
           state TEXT NOT NULL DEFAULT 'registered',
           registered_on TEXT NOT NULL,
           accepted_on TEXT,
           extension_days INTEGER NOT NULL DEFAULT 0,
           extension_consent TEXT NOT NULL DEFAULT '',
           mediators TEXT NOT NULL DEFAULT '',
           recorder TEXT NOT NULL DEFAULT '',
           registered_by TEXT NOT NULL DEFAULT '',
           rejection_reason TEXT NOT NULL DEFAULT '',
           termination_reason TEXT NOT NULL DEFAULT '',
           other_routes_told INTEGER NOT NULL DEFAULT 0,
           outcome TEXT NOT NULL DEFAULT '',
           performance TEXT NOT NULL DEFAULT 'none',
           judicial TEXT NOT NULL DEFAULT 'none',
           prevents_crime INTEGER NOT NULL DEFAULT 0,
           prevents_petition INTEGER NOT NULL DEFAULT 0,
           persons_involved INTEGER NOT NULL DEFAULT 0,
           closed_on TEXT,
           archived_on TEXT""",
    "mediation_party": """case_id TEXT NOT NULL,
           seq INTEGER NOT NULL,
           side TEXT NOT NULL,
           kind TEXT NOT NULL,
           name TEXT NOT NULL,
           sex TEXT NOT NULL DEFAULT '',
           ethnicity TEXT NOT NULL DEFAULT '',
           age INTEGER,
           occupation TEXT NOT NULL DEFAULT '',
           phone TEXT NOT NULL DEFAULT '',
           address TEXT NOT NULL DEFAULT '',
           id_number TEXT NOT NULL DEFAULT '',
           legal_rep TEXT NOT NULL DEFAULT '',
           agent TEXT NOT NULL DEFAULT ''""",
    "mediation_transition": """case_id TEXT NOT NULL,
           from_state TEXT NOT NULL,
           to_state TEXT NOT NULL,
           at TEXT NOT NULL,
           by_name TEXT NOT NULL DEFAULT '',
           note TEXT NOT NULL DEFAULT ''""",
    "mediation_session": """case_id TEXT NOT NULL,
           kind TEXT NOT NULL,
           started_at TEXT NOT NULL,
           ended_at TEXT NOT NULL DEFAULT '',
           place TEXT NOT NULL DEFAULT '',
           matter TEXT NOT NULL DEFAULT '',
           parties_present TEXT NOT NULL DEFAULT '',
           helpers TEXT NOT NULL DEFAULT '',
           mediator TEXT NOT NULL DEFAULT '',
           recorder TEXT NOT NULL DEFAULT '',
           questioned TEXT NOT NULL DEFAULT '',
           evidence TEXT NOT NULL DEFAULT '',
           outcome TEXT NOT NULL DEFAULT '',
           draft TEXT NOT NULL DEFAULT '',
           draft_speaker TEXT NOT NULL DEFAULT ''""",
    "mediation_statement": """session_id TEXT NOT NULL,
           case_id TEXT NOT NULL,
           seq INTEGER NOT NULL,
           at TEXT NOT NULL,
           speaker TEXT NOT NULL,
           text TEXT NOT NULL""",
    "mediation_agreement": """case_id TEXT NOT NULL,
           kind TEXT NOT NULL,
           facts TEXT NOT NULL DEFAULT '',
           disputed TEXT NOT NULL DEFAULT '',
           responsibilities TEXT NOT NULL DEFAULT '',
           clauses TEXT NOT NULL DEFAULT '[]',
           performance_manner TEXT NOT NULL DEFAULT '',
           performance_deadline TEXT,
           signed_party_ids TEXT NOT NULL DEFAULT '[]',
           mediator_signed INTEGER NOT NULL DEFAULT 0,
           seal_affixed INTEGER NOT NULL DEFAULT 0,
           effective_on TEXT,
           content_sha256 TEXT NOT NULL DEFAULT ''""",
    "mediation_visit": """case_id TEXT NOT NULL,
           visited_on TEXT NOT NULL,
           visited_party TEXT NOT NULL,
           performance TEXT NOT NULL DEFAULT 'none',
           satisfaction TEXT NOT NULL DEFAULT 'satisfied',
           sued INTEGER NOT NULL DEFAULT 0,
           renewed_conflict TEXT NOT NULL DEFAULT '',
           measures TEXT NOT NULL DEFAULT '',
           visitor TEXT NOT NULL DEFAULT ''""",
}


def upgrade(conn: sqlite3.Connection) -> None:
    statements: list[str] = []
    for table, columns in TABLES.items():
        statements += syncable_table(table, table, columns, journal=True)
    statements += [
        "CREATE INDEX ix_mediation_case_number ON mediation_case(committee_code, year, number) WHERE deleted = 0",
        "CREATE INDEX ix_mediation_case_state ON mediation_case(grid_code, state, registered_on)",
        "CREATE INDEX ix_mediation_case_registered ON mediation_case(registered_on)",
        "CREATE INDEX ix_mediation_party_case ON mediation_party(case_id, seq)",
        "CREATE INDEX ix_mediation_transition_case ON mediation_transition(case_id, at)",
        "CREATE INDEX ix_mediation_session_case ON mediation_session(case_id, started_at)",
        "CREATE INDEX ix_mediation_statement_session ON mediation_statement(session_id, seq)",
        "CREATE INDEX ix_mediation_agreement_case ON mediation_agreement(case_id)",
        "CREATE INDEX ix_mediation_visit_case ON mediation_visit(case_id, visited_on)",
    ]
    run_statements(conn, statements)
