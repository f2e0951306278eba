"""Failures are stored by template and shown in the language of the day."""

from __future__ import annotations

from gridstation.sync.client import SyncError, check_server_url
from gridstation.sync.engine import stored_message
from gridstation.ui.sync.texts import stored_message_text


def test_a_stored_failure_is_shown_from_its_template(qapp) -> None:  # noqa: ANN001
    try:
        check_server_url("ftp://example.gov.cn")
    except SyncError as exc:
        stored = stored_message(exc)
    assert "ftp://example.gov.cn" in stored and "{url}" in stored  # the template and its parameter
    assert stored_message_text(stored) == "“ftp://example.gov.cn” is not a server address like https://sync.example.gov.cn."


def test_a_known_server_refusal_uses_the_stations_words(qapp) -> None:  # noqa: ANN001
    stored = stored_message(SyncError("The district server refused the request: {message}", retry=False,
                                      code="token_revoked", message="Token revoked."))
    assert stored_message_text(stored).startswith("The district has revoked this station's access.")


def test_older_plain_text_entries_still_show(qapp) -> None:  # noqa: ANN001
    assert stored_message_text("The district server cannot be reached.") == "The district server cannot be reached."
    assert stored_message_text('{"template": "Broken {x}", "params": {}}') == "Broken {x}"


def test_residents_numbers_are_masked_on_the_sync_page(qapp) -> None:  # noqa: ANN001
    from gridstation.ui.sync.texts import field_value_text

    assert field_value_text("id_number", "11010519491231002X") == "110***********002X"
    assert field_value_text("resident_phone", "13812341234") == "138****1234"
    assert field_value_text("title", "13812341234") == "13812341234"  # only the personal fields
    assert field_value_text("phone", "") == "(empty)"


def test_a_refused_partys_form_leaves_out_the_personal_numbers(qapp) -> None:  # noqa: ANN001
    from gridstation.ui.sync.edit_dialog import EditRecordDialog

    dialog = EditRecordDialog("mediation_party", {"name": "张三", "id_number": "11010519491231002X",
                                                  "phone": "13812341234"}, "grid not served")
    assert "name" in dialog.editors and "id_number" not in dialog.editors and "phone" not in dialog.editors
    dialog.deleteLater()


def test_the_correction_form_offers_what_was_typed_each_with_a_name(qapp) -> None:  # noqa: ANN001
    """A refused record is corrected field by field: every field offered has a name in words, and
    what identifies the record or what its workflow decides (a case's state and number, a service's
    status, who signed) is not offered, so a correction cannot bypass the workflow's rules."""
    from gridstation.db.unit_of_work import sync_kinds
    from gridstation.sync.issues import editable_fields
    from gridstation.ui.sync.texts import FIELD_NAMES

    unnamed = {kind: [f for f in editable_fields(kind) if f not in FIELD_NAMES] for kind in sync_kinds()}
    assert {kind: fields for kind, fields in unnamed.items() if fields} == {}
    offered = {field for kind in sync_kinds() for field in editable_fields(kind)}
    assert not offered & {"state", "case_no", "number", "status", "history", "signed_party_ids", "seal_affixed",
                          "effective_on", "case_id", "day_id", "seq", "follows_id", "amends_id", "sha256"}
    assert {"facts", "performance_manner", "resident_name", "problem", "title"} <= offered
