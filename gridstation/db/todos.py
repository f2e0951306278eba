"""To-do items (待办事项) shown on the home page."""

from __future__ import annotations

from datetime import date

from sqlalchemy import nulls_last
from sqlmodel import select

from gridstation.db.models import TodoItem
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

MAX_TITLE = 200
# The ``author`` of a to-do the district assigned (交办) to a grid (``python -m gridstation.server task add``):
# station users' ids are UUIDs or ``system``, so it cannot be mistaken for one of them.
DISTRICT_AUTHOR = "district"


def from_district(item: TodoItem) -> bool:
    """Whether the district assigned this to-do item (交办事项), rather than someone at a station."""
    return item.author == DISTRICT_AUTHOR


def _title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError("title", QT_TRANSLATE_NOOP("Errors", "The to-do item needs a text."))
    if len(title) > MAX_TITLE:
        raise ValidationError(
            "title", QT_TRANSLATE_NOOP("Errors", "The to-do text is too long ({n} characters, at most {max})."),
            n=len(title), max=MAX_TITLE,
        )
    return title


def add_todo(store: Store, actor: Actor, *, grid_code: str, title: str, due_date: date | None = None) -> TodoItem:
    title = _title(title)
    with store.unit_of_work(actor) as uow:
        return uow.create(TodoItem, grid_code=grid_code, title=title, due_date=due_date)


def set_done(store: Store, actor: Actor, todo_id: str, done: bool = True) -> TodoItem:
    with store.unit_of_work(actor) as uow:
        item = uow.session.get(TodoItem, todo_id)
        if item is None or item.deleted:
            raise ValidationError("todo", QT_TRANSLATE_NOOP("Errors", "This to-do item no longer exists."))
        return uow.update(item, done=done)


def delete_todo(store: Store, actor: Actor, todo_id: str) -> None:
    with store.unit_of_work(actor) as uow:
        item = uow.session.get(TodoItem, todo_id)
        if item is not None:
            uow.delete(item)


def open_todos(store: Store, grid_codes: list[str], limit: int = 200) -> list[TodoItem]:
    with store.read() as session:
        query = (
            select(TodoItem)
            .where(TodoItem.deleted == False, TodoItem.done == False)  # noqa: E712 - SQL expressions
            .where(TodoItem.grid_code.in_(grid_codes))  # type: ignore[attr-defined]
            .order_by(nulls_last(TodoItem.due_date), TodoItem.id)  # type: ignore[call-overload]
            .limit(limit)
        )
        return list(session.exec(query))
