"""The station's hand-built push body is the protocol's PushRequest, value for value."""

from __future__ import annotations

import json
from collections import namedtuple

from hypothesis import given
from hypothesis import strategies as st

from gridstation import __version__
from gridstation.sync import protocol
from gridstation.sync.engine import BATCH_COLUMNS, push_body

_text = st.text(max_size=30)
_json = st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | _text,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
                     max_leaves=12)


# An outbox row as a batch is picked (``BATCH_COLUMNS``): by name and by position, as a row.
Entry = namedtuple("Entry", BATCH_COLUMNS.replace(",", " "))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    payload = draw(st.dictionaries(_text, _json, max_size=6))
    return Entry(
        seq=draw(st.integers(1, 10**6)), op_id=draw(_text), kind=draw(_text), record_id=draw(_text),
        op=draw(st.sampled_from(["create", "update"])),
        base_version=draw(st.integers(0, 10)), version=draw(st.integers(1, 20)),
        changed=json.dumps(draw(st.lists(_text, max_size=4)), ensure_ascii=False),
        payload=json.dumps(payload, ensure_ascii=False), actor=draw(_text), grid_code=draw(_text),
        created_at=draw(_text),
    )


@given(st.lists(entries(), max_size=5), st.integers(0, 10**6), _text)
def test_the_spliced_body_parses_to_the_same_request(rows: list[Entry], backlog: int, batch_id: str) -> None:
    parsed = json.loads(push_body(batch_id, backlog=backlog, entries=rows))
    expected = protocol.PushRequest(
        protocol=protocol.PROTOCOL, app_version=__version__, batch_id=batch_id or "x", backlog=backlog,
        ops=[protocol.Op.model_construct(
            op_id=r.op_id, kind=r.kind, record_id=r.record_id, op=r.op, base_version=r.base_version,
            version=r.version, changed=json.loads(r.changed), payload=json.loads(r.payload), actor=r.actor,
            grid_code=r.grid_code, created_at=r.created_at) for r in rows],
    ).model_dump(mode="json")
    expected["batch_id"] = batch_id
    assert parsed == expected
