"""Loaded models, held with less memory.

Every pydantic instance carries its own `__pydantic_fields_set__`, a set of the field names
given when it was made (~200–500 bytes). A branch has ~225 model instances (activities, their
attendance, members...), so at a thousand branches those sets were ~110 MB, 40 % of the loaded
data, and a forked child holds a copy of every page of them the parent touches. Instances of
one class mostly have the same set; identical ones are made one object here.

Safe because every input model is frozen (models/base.py): pydantic adds to the set only on
attribute assignment, which a frozen model refuses first, and `model_copy` copies the set
before changing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, is_dataclass
from typing import Any

from pydantic import BaseModel

FieldSets = dict[tuple[type, frozenset[str]], set[str]]

# Values with nothing inside to share. The walk runs on every load (a thousand branches,
# ~2,000 values each): leaves, and tuples that start with one (the models' tuples hold one
# kind of thing: participants, tags, photos), are not looked into.
_LEAVES = frozenset({str, int, float, bool, type(None), dt.date})


def share_field_sets(model: Any, shared: FieldSets) -> None:
    """Point every instance under `model` (itself, its fields, dataclasses, tuples, lists and
    dict values of them) at one set per (class, field names); `shared` carries the sets across
    calls."""
    todo: list[Any] = [model]
    push = todo.append
    while todo:
        value = todo.pop()
        if isinstance(value, BaseModel):
            names = value.__pydantic_fields_set__
            one = shared.setdefault((type(value), frozenset(names)), names)
            if one is not names:
                object.__setattr__(value, "__pydantic_fields_set__", one)
            for v in value.__dict__.values():
                if type(v) not in _LEAVES:
                    push(v)
        elif isinstance(value, tuple | list):
            if value and type(value[0]) not in _LEAVES:
                todo.extend(value)
        elif isinstance(value, dict):
            todo.extend(value.values())
        elif is_dataclass(value):  # Branch, which holds the models
            todo.extend(getattr(value, f.name) for f in fields(value))
