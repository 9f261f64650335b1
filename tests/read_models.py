"""One check for every page's read model: frozen all the way down and free of database records."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from markupsafe import Markup

from core.extensions import db

PLAIN = (str, int, float, bool, Decimal, date, Markup, enum.Enum, type(None))  # dates and times, enums of states


def assert_frozen_and_orm_free(value: object, path: str = "view") -> None:
    """Fail on anything but plain values, frozen dataclasses, tuples and read-only mappings of those."""
    assert not isinstance(value, db.Model), f"{path} is a database record"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        assert type(value).__dataclass_params__.frozen, f"{path} ({type(value).__name__}) is not frozen"  # type: ignore[attr-defined]
        for field in dataclasses.fields(value):
            assert_frozen_and_orm_free(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple | frozenset):
        for index, item in enumerate(value):
            assert_frozen_and_orm_free(item, f"{path}[{index}]")
    elif isinstance(value, Mapping):
        assert not isinstance(value, dict), f"{path} is a mutable dict"
        for key, item in value.items():
            assert_frozen_and_orm_free(key, f"{path} key")
            assert_frozen_and_orm_free(item, f"{path}[{key!r}]")
    else:
        assert isinstance(value, PLAIN), f"{path} is a {type(value).__name__}"
