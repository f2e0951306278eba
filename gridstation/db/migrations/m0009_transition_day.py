"""The day a mediation step happened, when it is recorded on another day (受理 on Monday, entered
on Wednesday): the transition dialog's date, kept on the step so forms print the day it happened
(``mediation_transition.happened_on``; empty when it is the day recorded in ``at``)."""

from __future__ import annotations

import sqlite3

from gridstation.db.migrations import run_statements

NUMBER = 9


def upgrade(conn: sqlite3.Connection) -> None:
    run_statements(conn, ["ALTER TABLE mediation_transition ADD COLUMN happened_on TEXT"])
