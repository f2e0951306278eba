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
