"""A refusal is logged without its values: a message may name a resident or a mediation party,
and the log file is read by whoever maintains the station PC."""

from __future__ import annotations

import logging

import pytest

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.ui.operations import run_op, wait_for_operations


def refuse(name: str) -> None:
    raise ValidationError("signatures", QT_TRANSLATE_NOOP("Errors", "Still missing: {missing}."), missing=name)


def test_a_refused_operation_is_logged_without_the_names_in_its_message(qtbot, caplog: pytest.LogCaptureFixture
                                                                        ) -> None:
    failures: list[BaseException] = []
    with caplog.at_level(logging.INFO, logger="gridstation.ui.operations"):
        run_op(None, refuse, "张桂兰、李建国", failure=failures.append)
        wait_for_operations()
        qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
    assert str(failures[0]) == "Still missing: 张桂兰、李建国."  # the user is told in full …
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "refuse refused: Still missing: {missing}." in logged  # … the log keeps the message's shape
    assert "张桂兰" not in logged and "李建国" not in logged
