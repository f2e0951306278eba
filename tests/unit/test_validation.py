"""``field_values``: a model's own checks and values, without building a table instance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlmodel import select

from gridstation.db import demo
from gridstation.db.store import Store
from gridstation.db.unit_of_work import sync_kinds
from gridstation.db.validation import field_values


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Up to 30 demo records of every kind, as dumped by their models."""
    with Store.open(Path(tmp_path_factory.mktemp("demo"))) as store:
        demo.load_demo(store, diary_days=3)
        with store.read() as session:
            yield {kind: [row.model_dump() for row in session.exec(select(model).limit(30))]
                   for kind, model in sync_kinds().items()}


def test_the_values_are_the_model_s_own_for_every_kind(stored: dict[str, list[dict[str, Any]]]) -> None:
    kinds = sync_kinds()
    assert sum(bool(rows) for rows in stored.values()) >= 10  # the demo holds most kinds
    for kind, rows in stored.items():
        for row in rows:
            # as a pulled payload arrives: JSON values (dates as text), and fields the model lacks
            data = {**{k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}, "新字段": 1}
            assert field_values(kinds[kind])(data) == kinds[kind].model_validate(data).model_dump(), kind


@pytest.mark.parametrize("kind", sorted(sync_kinds()))
def test_the_errors_are_the_model_s_own(kind: str, stored: dict[str, list[dict[str, Any]]]) -> None:
    model = sync_kinds()[kind]
    base = stored[kind][0] if stored[kind] else {}
    for bad in ({**base, "version": "第一版"}, {**base, "deleted": [1]}, {}):
        with pytest.raises(ValidationError) as ours:
            field_values(model)(bad)
        with pytest.raises(ValidationError) as theirs:
            model.model_validate(bad)
        assert ours.value.errors() == theirs.value.errors()
