"""The record kinds the server accepts, and the check of a record's payload against its model.

The registry comes from the station's own model declarations (``gridstation.db.unit_of_work.
sync_kinds``), so a new record kind syncs as soon as its model is declared; the server stores
payloads as JSON and needs no table or migration of its own for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from gridstation.db.validation import field_values

KindRegistry = Mapping[str, type[BaseModel]]


def default_registry() -> dict[str, type[BaseModel]]:
    import gridstation.db.models  # noqa: F401 - declares (registers) the record kinds
    from gridstation.db.unit_of_work import sync_kinds

    return dict(sync_kinds())


NOT_FINITE = "invalid payload: numbers must be finite"


def payload_problem(model: type[BaseModel], payload: dict[str, Any], *, record_id: str, grid_code: str,
                    check_finite: bool = True) -> str | None:
    """Why ``payload`` is not a valid record of ``model`` (None when it is). Fields the model does
    not know are allowed: a newer station may send them, and they are kept (sync.md §10).
    ``check_finite=False`` leaves out the last check, that numbers are finite, for a caller that
    makes it itself when it serialises the payload (``NOT_FINITE`` is then its answer)."""
    if payload.get("id") != record_id:
        return "invalid payload: id must equal record_id"
    if payload.get("grid_code") != grid_code:
        return "invalid payload: grid_code must equal the op's grid_code"
    try:
        field_values(model)(payload)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "payload"
        return f"invalid payload: {where}: {first['msg']}"
    if check_finite:
        try:
            json.dumps(payload, allow_nan=False)
        except ValueError:
            return NOT_FINITE
    return None
