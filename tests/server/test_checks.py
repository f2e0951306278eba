"""The fast paths of the request checks give the verdicts of the plain ones they stand in for."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gridstation.server.checks import MAX_DEPTH, _first_problem, text_problem
from gridstation.server.kinds import default_registry, payload_problem

text = st.text(st.characters(codec=None), max_size=6) | st.sampled_from(["\x00", "\ud800", "a\udfffb", "网格"])
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | text,
    lambda children: st.lists(children, max_size=3) | st.tuples(children, children)
    | st.dictionaries(text, children, max_size=3),
    max_leaves=30,
)


def _nested(depth: int, leaf: Any) -> Any:
    for _ in range(depth):
        leaf = [leaf]
    return leaf


@settings(max_examples=400, deadline=None)
@given(values)
def test_the_quick_text_check_names_the_problem_the_full_walk_names(value: Any) -> None:
    assert text_problem(value) == _first_problem(value)


def test_nesting_is_allowed_up_to_the_limit_exactly() -> None:
    for depth in range(MAX_DEPTH - 2, MAX_DEPTH + 3):
        leaves: tuple[Any, ...] = ("x", 1, [], {}, "\x00", {"k": None})
        for leaf in leaves:
            for value in (_nested(depth, leaf), {"key": _nested(depth, leaf)}):
                assert text_problem(value) == _first_problem(value), (depth, leaf)
    assert text_problem(_nested(MAX_DEPTH, "x")) is None
    assert text_problem(_nested(MAX_DEPTH + 1, "x")) is not None


KINDS = default_registry()
field_values = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) \
    | st.sampled_from(["", "x", "2026-05-01", "2026-13-01", "1", "true", "08:30"]) | st.lists(st.integers(), max_size=2)


@st.composite
def payloads(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(KINDS)))
    fields = sorted(KINDS[kind].model_fields)
    payload: dict[str, Any] = {"id": "r1", "grid_code": "G1", "author": "u1", "created_at": "t", "updated_at": "t"}
    for name in draw(st.lists(st.sampled_from(sorted(set(fields) - {"id", "grid_code"})), max_size=6, unique=True)):
        payload[name] = draw(field_values)
    for name in draw(st.lists(st.sampled_from(sorted(set(fields) - {"id", "grid_code"})), max_size=3, unique=True)):
        payload.pop(name, None)
    payload.update(draw(st.dictionaries(st.sampled_from(["extra", "more"]), field_values, max_size=1)))
    return kind, payload


@settings(max_examples=300, deadline=None)
@given(payloads())
def test_payload_check_agrees_with_the_model_own_validation(case: tuple[str, dict[str, Any]]) -> None:
    kind, payload = case
    model = KINDS[kind]
    problem = payload_problem(model, payload, record_id="r1", grid_code="G1")
    try:
        model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "payload"
        expected: str | None = f"invalid payload: {where}: {first['msg']}"
    else:
        expected = None
    assert problem == expected  # (id and grid_code match, numbers are finite: only the model can object)
