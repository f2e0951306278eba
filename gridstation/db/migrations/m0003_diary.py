"""Work diary: days, items (with amendments and follow-ups), week notes, full-text search.

Search uses an FTS5 table with the trigram tokenizer: Chinese has no spaces between words, so a
word tokenizer would index whole sentences as single tokens; trigrams find any substring of three
or more characters, and ``db.diary.search`` falls back to a scan for one- or two-character terms.
"""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements, syncable_table

NUMBER = 3



def upgrade(conn: sqlite3.Connection) -> None:
    statements = syncable_table(
        "diary_day",
        "diary_day",
        """day TEXT NOT NULL,
           weather TEXT NOT NULL DEFAULT '',
           patrol_period TEXT NOT NULL DEFAULT '',
           patrol_route TEXT NOT NULL DEFAULT '',
           cover INTEGER NOT NULL DEFAULT 0,
           tomorrow_plan TEXT NOT NULL DEFAULT '',
           closed INTEGER NOT NULL DEFAULT 0,
           closed_at TEXT""",
    )
    statements += [
        "CREATE UNIQUE INDEX ux_diary_day_author ON diary_day(author, grid_code, day) WHERE deleted = 0",
        "CREATE INDEX ix_diary_day_grid_day ON diary_day(grid_code, day)",
    ]
    statements += syncable_table(
        "diary_item",
        "diary_item",
        """day_id TEXT NOT NULL,
           seq INTEGER NOT NULL,
           time TEXT NOT NULL DEFAULT '',
           category TEXT NOT NULL,
           hazard_type TEXT,
           place TEXT NOT NULL DEFAULT '',
           problem TEXT NOT NULL DEFAULT '',
           action TEXT NOT NULL DEFAULT '',
           result TEXT NOT NULL DEFAULT '',
           open INTEGER NOT NULL DEFAULT 0,
           escalated INTEGER NOT NULL DEFAULT 0,
           households INTEGER NOT NULL DEFAULT 0,
           special_households INTEGER NOT NULL DEFAULT 0,
           hazards_found INTEGER NOT NULL DEFAULT 0,
           hazards_rectified INTEGER NOT NULL DEFAULT 0,
           follows_id TEXT,
           amends_id TEXT,
           retracted INTEGER NOT NULL DEFAULT 0,
           late INTEGER NOT NULL DEFAULT 0,
           amend_reason TEXT NOT NULL DEFAULT ''""",
    )
    statements += [
        "CREATE INDEX ix_diary_item_day ON diary_item(day_id, seq)",
        "CREATE INDEX ix_diary_item_amends ON diary_item(amends_id) WHERE amends_id IS NOT NULL",
        "CREATE INDEX ix_diary_item_follows ON diary_item(follows_id) WHERE follows_id IS NOT NULL",
        "CREATE INDEX ix_diary_item_open ON diary_item(grid_code, open) WHERE open = 1",
    ]
    statements += syncable_table(
        "diary_week_note",
        "diary_week_note",
        """week_start TEXT NOT NULL,
           note TEXT NOT NULL DEFAULT '',
           next_week_focus TEXT NOT NULL DEFAULT ''""",
    )
    statements += [
        "CREATE UNIQUE INDEX ux_diary_week_note ON diary_week_note(author, grid_code, week_start) WHERE deleted = 0",
        # Full-text index over items (rowid = the item's rowid) and day pages (rowid = -day rowid).
        "CREATE VIRTUAL TABLE diary_fts USING fts5(body, tokenize = 'trigram')",
        """CREATE TRIGGER diary_item_fts_insert AFTER INSERT ON diary_item BEGIN
             INSERT INTO diary_fts(rowid, body) VALUES (NEW.rowid,
               NEW.place || char(10) || NEW.problem || char(10) || NEW.action || char(10) || NEW.result);
           END""",
        """CREATE TRIGGER diary_item_fts_update AFTER UPDATE ON diary_item BEGIN
             DELETE FROM diary_fts WHERE rowid = OLD.rowid;
             INSERT INTO diary_fts(rowid, body) VALUES (NEW.rowid,
               NEW.place || char(10) || NEW.problem || char(10) || NEW.action || char(10) || NEW.result);
           END""",
        """CREATE TRIGGER diary_day_fts_insert AFTER INSERT ON diary_day BEGIN
             INSERT INTO diary_fts(rowid, body) VALUES (-NEW.rowid,
               NEW.patrol_route || char(10) || NEW.tomorrow_plan);
           END""",
        """CREATE TRIGGER diary_day_fts_update AFTER UPDATE ON diary_day BEGIN
             DELETE FROM diary_fts WHERE rowid = -OLD.rowid;
             INSERT INTO diary_fts(rowid, body) VALUES (-NEW.rowid,
               NEW.patrol_route || char(10) || NEW.tomorrow_plan);
           END""",
    ]
    run_statements(conn, statements)
