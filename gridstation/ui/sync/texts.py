"""Words shared by the sync widgets: record kinds and fields, values, times, progress, error messages.

Everything here is translated in the ``Sync`` context (marked with ``QT_TRANSLATE_NOOP`` so that
lupdate collects it).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridstation.db import clock
from gridstation.domain.identity import mask_id_number, mask_phone
from gridstation.sync.client import SyncError
from gridstation.sync.engine import TOO_LARGE
from gridstation.ui.messages import error_text

CONTEXT = "Sync"

KIND_NAMES = {
    "todo": QT_TRANSLATE_NOOP("Sync", "To-do item"),
    "diary_day": QT_TRANSLATE_NOOP("Sync", "Work diary page"),
    "diary_item": QT_TRANSLATE_NOOP("Sync", "Diary entry"),
    "diary_week_note": QT_TRANSLATE_NOOP("Sync", "Weekly summary"),
    "attachment": QT_TRANSLATE_NOOP("Sync", "Photo or scan"),
}

FIELD_NAMES = {
    "title": QT_TRANSLATE_NOOP("Sync", "Text"),
    "note": QT_TRANSLATE_NOOP("Sync", "Note"),
    "due_date": QT_TRANSLATE_NOOP("Sync", "Due date"),
    "done": QT_TRANSLATE_NOOP("Sync", "Done"),
    "deleted": QT_TRANSLATE_NOOP("Sync", "Deleted"),
    "grid_code": QT_TRANSLATE_NOOP("Sync", "Grid"),
    "day": QT_TRANSLATE_NOOP("Sync", "Day"),
    "weather": QT_TRANSLATE_NOOP("Sync", "Weather"),
    "patrol_period": QT_TRANSLATE_NOOP("Sync", "Patrol period"),
    "patrol_route": QT_TRANSLATE_NOOP("Sync", "Patrol route"),
    "cover": QT_TRANSLATE_NOOP("Sync", "Covering for a colleague"),
    "tomorrow_plan": QT_TRANSLATE_NOOP("Sync", "Plan for tomorrow"),
    "closed": QT_TRANSLATE_NOOP("Sync", "Day closed"),
    "time": QT_TRANSLATE_NOOP("Sync", "Time"),
    "category": QT_TRANSLATE_NOOP("Sync", "Category"),
    "hazard_type": QT_TRANSLATE_NOOP("Sync", "Hazard type"),
    "place": QT_TRANSLATE_NOOP("Sync", "Place"),
    "problem": QT_TRANSLATE_NOOP("Sync", "Problem"),
    "action": QT_TRANSLATE_NOOP("Sync", "Action taken"),
    "result": QT_TRANSLATE_NOOP("Sync", "Result"),
    "open": QT_TRANSLATE_NOOP("Sync", "Still open"),
    "escalated": QT_TRANSLATE_NOOP("Sync", "Escalated"),
    "households": QT_TRANSLATE_NOOP("Sync", "Households visited"),
    "special_households": QT_TRANSLATE_NOOP("Sync", "Special households"),
    "hazards_found": QT_TRANSLATE_NOOP("Sync", "Hazards found"),
    "hazards_rectified": QT_TRANSLATE_NOOP("Sync", "Hazards rectified"),
    "retracted": QT_TRANSLATE_NOOP("Sync", "Withdrawn"),
    "amend_reason": QT_TRANSLATE_NOOP("Sync", "Reason for the correction"),
    "week_start": QT_TRANSLATE_NOOP("Sync", "Week"),
    "next_week_focus": QT_TRANSLATE_NOOP("Sync", "Focus next week"),
    "caption": QT_TRANSLATE_NOOP("Sync", "Caption"),
    "file_name": QT_TRANSLATE_NOOP("Sync", "File name"),
    # services
    "resident_name": QT_TRANSLATE_NOOP("Sync", "Resident"),
    "resident_phone": QT_TRANSLATE_NOOP("Sync", "Resident's phone"),
    "resident_id_number": QT_TRANSLATE_NOOP("Sync", "Resident's ID number"),
    "phone": QT_TRANSLATE_NOOP("Sync", "Phone"),
    "id_number": QT_TRANSLATE_NOOP("Sync", "ID number"),
    "received_on": QT_TRANSLATE_NOOP("Sync", "Received on"),
    "promised_on": QT_TRANSLATE_NOOP("Sync", "Promised by"),
    "materials_received": QT_TRANSLATE_NOOP("Sync", "Materials received"),
    "satisfaction": QT_TRANSLATE_NOOP("Sync", "Satisfaction"),
    # mediation
    "dispute_type": QT_TRANSLATE_NOOP("Sync", "Type of dispute"),
    "source": QT_TRANSLATE_NOOP("Sync", "Source"),
    "facts": QT_TRANSLATE_NOOP("Sync", "Facts"),
    "amount_fen": QT_TRANSLATE_NOOP("Sync", "Amount involved (fen)"),
    "registered_on": QT_TRANSLATE_NOOP("Sync", "Registered on"),
    "mediators": QT_TRANSLATE_NOOP("Sync", "Mediators"),
    "mediator": QT_TRANSLATE_NOOP("Sync", "Mediator"),
    "recorder": QT_TRANSLATE_NOOP("Sync", "Recorder"),
    "performance": QT_TRANSLATE_NOOP("Sync", "Performance"),
    "judicial": QT_TRANSLATE_NOOP("Sync", "Judicial confirmation"),
    "prevents_crime": QT_TRANSLATE_NOOP("Sync", "Prevented a criminal case"),
    "prevents_petition": QT_TRANSLATE_NOOP("Sync", "Prevented a petition"),
    "persons_involved": QT_TRANSLATE_NOOP("Sync", "Persons involved"),
    "side": QT_TRANSLATE_NOOP("Sync", "Side"),
    "kind": QT_TRANSLATE_NOOP("Sync", "Kind"),
    "name": QT_TRANSLATE_NOOP("Sync", "Name"),
    "sex": QT_TRANSLATE_NOOP("Sync", "Sex"),
    "ethnicity": QT_TRANSLATE_NOOP("Sync", "Ethnicity"),
    "age": QT_TRANSLATE_NOOP("Sync", "Age"),
    "occupation": QT_TRANSLATE_NOOP("Sync", "Occupation"),
    "address": QT_TRANSLATE_NOOP("Sync", "Address"),
    "legal_rep": QT_TRANSLATE_NOOP("Sync", "Legal representative"),
    "agent": QT_TRANSLATE_NOOP("Sync", "Agent"),
    "by_name": QT_TRANSLATE_NOOP("Sync", "Done by"),
    "happened_on": QT_TRANSLATE_NOOP("Sync", "Happened on"),
    "started_at": QT_TRANSLATE_NOOP("Sync", "Started"),
    "ended_at": QT_TRANSLATE_NOOP("Sync", "Ended"),
    "matter": QT_TRANSLATE_NOOP("Sync", "Matter"),
    "parties_present": QT_TRANSLATE_NOOP("Sync", "Parties present"),
    "helpers": QT_TRANSLATE_NOOP("Sync", "Others helping"),
    "questioned": QT_TRANSLATE_NOOP("Sync", "Person questioned"),
    "evidence": QT_TRANSLATE_NOOP("Sync", "Evidence"),
    "outcome": QT_TRANSLATE_NOOP("Sync", "Outcome"),
    "speaker": QT_TRANSLATE_NOOP("Sync", "Speaker"),
    "text": QT_TRANSLATE_NOOP("Sync", "Text"),
    "disputed": QT_TRANSLATE_NOOP("Sync", "Matters in dispute"),
    "responsibilities": QT_TRANSLATE_NOOP("Sync", "Responsibilities"),
    "clauses": QT_TRANSLATE_NOOP("Sync", "Terms"),
    "performance_manner": QT_TRANSLATE_NOOP("Sync", "Manner of performance"),
    "performance_deadline": QT_TRANSLATE_NOOP("Sync", "Performance deadline"),
    "visited_on": QT_TRANSLATE_NOOP("Sync", "Visited on"),
    "visited_party": QT_TRANSLATE_NOOP("Sync", "Party visited"),
    "sued": QT_TRANSLATE_NOOP("Sync", "Went to court"),
    "renewed_conflict": QT_TRANSLATE_NOOP("Sync", "Dispute flared up again"),
    "measures": QT_TRANSLATE_NOOP("Sync", "Measures"),
    "visitor": QT_TRANSLATE_NOOP("Sync", "Visited by"),
}

# Fields a person does not need to see among a record's values (identity, bookkeeping).
HIDDEN_FIELDS = frozenset({"id", "version", "author", "created_at", "updated_at", "day_id", "seq", "follows_id",
                           "amends_id", "closed_at", "late", "sha256", "size", "media_type", "owner_kind",
                           "owner_id"})

# The district server's refusal reasons (gridstation.server.push/kinds), and the station's own
# (a record too large to send), in plain words.
REASONS = {
    "grid not served": QT_TRANSLATE_NOOP(
        "Sync", "The district server has not assigned this grid to this station. Ask the district to add it, "
                "then send the change again."),
    "unknown record kind": QT_TRANSLATE_NOOP(
        "Sync", "The district server does not know this kind of record yet (it may need an update)."),
    "attachment content not uploaded": QT_TRANSLATE_NOOP(
        "Sync", "The photo or scan of this record is missing on this PC, so it could not be sent."),
    TOO_LARGE: QT_TRANSLATE_NOOP(
        "Sync", "This record is too large for the district server to accept. Shorten its longest texts, "
                "then send it again."),
}

# Server error codes (gridstation.server) whose English message is replaced by words in the user's language.
SERVER_ERRORS = {
    "enrolment_code_invalid": QT_TRANSLATE_NOOP("Sync", "The district server does not know this enrolment code."),
    "enrolment_code_used": QT_TRANSLATE_NOOP(
        "Sync", "This enrolment code has already been used. Ask the district for a new one."),
    "enrolment_code_expired": QT_TRANSLATE_NOOP(
        "Sync", "This enrolment code has expired. Ask the district for a new one."),
    "station_revoked": QT_TRANSLATE_NOOP(
        "Sync", "The district has revoked this station. Ask the district for a new enrolment code."),
    "token_revoked": QT_TRANSLATE_NOOP(
        "Sync", "The district has revoked this station's access. Enrol the station again with a new code "
                "(in Settings); nothing waiting to be sent is lost."),
    "token_invalid": QT_TRANSLATE_NOOP(
        "Sync", "The district server no longer accepts this station's enrolment. Enrol the station again "
                "(in Settings); nothing waiting to be sent is lost."),
    "protocol_unsupported": QT_TRANSLATE_NOOP(
        "Sync", "This version of GridStation and the district server cannot work together. Please update "
                "GridStation."),
}

OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("Sync", "Completed"),
    "error": QT_TRANSLATE_NOOP("Sync", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("Sync", "Cancelled"),
    "running": QT_TRANSLATE_NOOP("Sync", "Running"),
    "interrupted": QT_TRANSLATE_NOOP("Sync", "Interrupted"),
}


def translated(source: object) -> str:
    """A source marked with QT_TRANSLATE_NOOP("Sync", …) (object: what the stubs say it returns)."""
    return QCoreApplication.translate(CONTEXT, str(source))



def kind_name(kind: str) -> str:
    return translated(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def field_name(field: str) -> str:
    return translated(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def reason_text(reason: str) -> str:
    return translated(REASONS[reason]) if reason in REASONS else reason


def outcome_text(outcome: str) -> str:
    return translated(OUTCOMES[outcome]) if outcome in OUTCOMES else outcome


# Residents' personal numbers: shown masked on the sync page, like everywhere else (domain.md §8).
PERSONAL_FIELDS = {"id_number": mask_id_number, "resident_id_number": mask_id_number, "phone": mask_phone,
                   "resident_phone": mask_phone}


def field_value_text(field: str, value: Any) -> str:
    """``value_text``, with residents' ID numbers and phones masked."""
    mask = PERSONAL_FIELDS.get(field)
    if mask is not None and isinstance(value, str) and value:
        return mask(value)
    return value_text(value)


# Characters of a value shown on a card at most: a record refused as too large may hold tens of
# thousands, which would bury the card (and the page) under one label.
SHOWN_CHARS = 1000


def value_text(value: Any) -> str:
    if value is None or value == "":
        return QCoreApplication.translate("Sync", "(empty)")
    if isinstance(value, bool):
        return QCoreApplication.translate("Sync", "Yes") if value else QCoreApplication.translate("Sync", "No")
    text = str(value)
    if len(text) > SHOWN_CHARS:
        return QCoreApplication.translate("Sync", "{start}… ({count} characters in all)").format(
            start=text[:SHOWN_CHARS], count=len(text))
    return text


def record_summary(payload: dict[str, Any]) -> str:
    """The words a person recognises a record by (its text, problem or day)."""
    for key in ("title", "problem", "place", "note", "day", "week_start", "caption", "file_name"):
        value = payload.get(key)
        if value:
            return str(value)
    return ""


def number(n: int) -> str:
    """1,200: Chinese and English both group digits by thousands with a comma (QLocale's C locale would not)."""
    return f"{n:,}"


def progress_text(phase: str, done: int, total: int) -> str:
    if phase == "push":
        text = QCoreApplication.translate("Sync", "Sending {done} / {total}")
        return text.format(done=number(done), total=number(total))
    if phase == "pull":
        return QCoreApplication.translate("Sync", "Receiving {done}").format(done=number(done))
    return QCoreApplication.translate("Sync", "Starting…")


def local_time(stamp: str) -> str:
    """An ISO time stored in UTC, shown in this PC's time zone to the minute ("" for none)."""
    return clock.local_time(stamp, seconds=False)


def duration_text(started: str, finished: str | None) -> str:
    if not finished:
        return ""
    try:
        seconds = max(0, int((datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()))
    except ValueError:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("Sync", "{s} s").format(s=seconds)
    return QCoreApplication.translate("Sync", "{m} min {s} s").format(m=seconds // 60, s=seconds % 60)


def stored_message_text(message: str) -> str:
    """A failure stored by the engine (``engine.stored_message``) in the user's language; older
    entries hold plain English text, translated where it is a known message."""
    try:
        stored = json.loads(message)
    except ValueError:
        stored = None
    if not isinstance(stored, dict) or not isinstance(stored.get("template"), str):
        return QCoreApplication.translate("Errors", message)
    if stored.get("code") in SERVER_ERRORS:
        return translated(SERVER_ERRORS[stored["code"]])
    params = stored.get("params") if isinstance(stored.get("params"), dict) else {}
    text = QCoreApplication.translate("Errors", stored["template"])
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return stored["template"]


def sync_error_text(exc: BaseException) -> str:
    """``error_text``, with the district server's known refusals in the user's language."""
    if isinstance(exc, SyncError) and exc.code in SERVER_ERRORS:
        return translated(SERVER_ERRORS[exc.code])
    return error_text(exc)
