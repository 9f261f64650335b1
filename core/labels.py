"""Translated labels for enum values, registered by each feature and shown by the `label` filter."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from flask_babel import force_locale, get_locale
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from jinja2.runtime import Context

# Keyed by (enum class, member): StrEnum members of different enums with one value compare equal.
_LABELS: dict[tuple[type, enum.Enum], LazyString] = {}


def register_labels(labels_by_enum: Mapping[type[enum.Enum], Mapping[enum.Enum, LazyString]]) -> None:
    """Add translated labels, one mapping per enum (in one mapping, equal StrEnum keys of two enums would merge)."""
    for kind, labels in labels_by_enum.items():
        strangers = [member for member in labels if type(member) is not kind]
        if strangers:
            raise TypeError(f"labels of {kind.__name__} keyed by members of another enum: {strangers!r}")
        _LABELS.update({(kind, member): text for member, text in labels.items()})


def registered_labels() -> Mapping[tuple[type, enum.Enum], LazyString]:
    """Return every registered label, keyed by (enum class, member)."""
    return dict(_LABELS)


# Translations do not change while the site runs, so each label is translated once per language.
_TRANSLATED: dict[tuple[type, enum.Enum, str], str] = {}


def label(value: enum.Enum | None, locale: str | None = None) -> str:
    """Return the translated label of an enum member ("" for None), in the given or current locale."""
    if value is None:
        return ""
    if not isinstance(value, enum.Enum):  # a bare value cannot say which enum's label it wants
        raise TypeError(f"label() takes an enum member, not {value!r}")
    key = (type(value), value, locale or str(get_locale()))
    text = _TRANSLATED.get(key)
    if text is None:
        found = _LABELS.get((type(value), value))
        if found is None:
            text = str(value.value)
        else:
            with force_locale(key[2]):
                text = str(found)
        _TRANSLATED[key] = text
    return text


@pass_context
def label_filter(context: Context, value: enum.Enum | None) -> str:
    """Jinja filter: the label in the page's locale (read from the template, not looked up per call)."""
    return label(value, context.get("current_locale"))
