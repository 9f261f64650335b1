"""Read and validate questionnaire content (YAML/JSON data), reporting every error with its place."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh_Hans", "zh_Hant", "en")
LEVEL_COUNT = 5
UNITS = ("percent", "months")
_SLUG = re.compile(r"^[a-z][a-z0-9_-]*$")
_QUESTION_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")

Text = Mapping[str, str]


class QuestionnaireError(ValueError):
    """The content is not a valid questionnaire; `errors` lists every problem with its place."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Level:
    """A maturity stage of the scale."""

    level: int
    name: Text
    summary: Text


@dataclass(frozen=True)
class Question:
    """A question with five level descriptors."""

    key: str
    dimension: str
    weight: float
    text: Text
    levels: tuple[Text, ...]


@dataclass(frozen=True)
class Dimension:
    """A group of questions scored together."""

    key: str
    weight: float
    name: Text
    description: Text
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Bound:
    """A threshold: values above (or below) it are flagged."""

    direction: str
    value: float

    def crossed_by(self, value: float) -> bool:
        """Return whether a value lies beyond the bound."""
        return value > self.value if self.direction == "above" else value < self.value


@dataclass(frozen=True)
class Expectation:
    """A benefit respondents expect, with the bounds of realism."""

    key: str
    unit: str
    minimum: float
    maximum: float
    text: Text
    help: Text
    unrealistic: Bound | None
    pessimistic: Bound | None
    unrealistic_warning: Text
    pessimistic_warning: Text

    @property
    def in_percent(self) -> bool:
        """Return whether the expected value is a percentage (else a number of months)."""
        return self.unit == "percent"


@dataclass(frozen=True)
class Questionnaire:
    """A whole questionnaire version."""

    key: str
    version: int
    title: Text
    description: Text
    levels: tuple[Level, ...]
    dimensions: tuple[Dimension, ...]
    expectations: tuple[Expectation, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every question in page order."""
        return tuple(question for dimension in self.dimensions for question in dimension.questions)

    def dimension(self, key: str) -> Dimension:
        """Return the dimension with this key."""
        return next(dimension for dimension in self.dimensions if dimension.key == key)

    def question(self, key: str) -> Question:
        """Return the question with this key."""
        return next(question for question in self.questions if question.key == key)


class _Reader:
    """Collects errors while walking the data, so one import reports all of them at once."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, place: str, message: str) -> None:
        self.errors.append(f"{place}: {message}")

    def mapping(self, value: Any, place: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(place, "expected a mapping")
            return {}
        return value

    def items(self, value: Any, place: str, minimum: int = 1) -> list[Any]:
        if not isinstance(value, list):
            self.fail(place, "expected a list")
            return []
        if len(value) < minimum:
            self.fail(place, f"expected at least {minimum} entries, found {len(value)}")
        return value

    def text(self, value: Any, place: str) -> Text:
        if not isinstance(value, Mapping):
            self.fail(place, f"expected a text in {', '.join(LANGUAGES)}")
            return {}
        for language in LANGUAGES:
            if not isinstance(value.get(language), str) or not value[language].strip():
                self.fail(f"{place}.{language}", "missing or empty")
        for extra in sorted(set(value) - set(LANGUAGES)):
            self.fail(f"{place}.{extra}", "unknown language")
        return {language: str(value.get(language, "")).strip() for language in LANGUAGES}

    def number(self, value: Any, place: str, positive: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(place, "expected a number")
            return 1.0
        if positive and value <= 0:
            self.fail(place, "must be greater than 0")
        return float(value)

    def slug(self, value: Any, place: str, pattern: re.Pattern[str] = _SLUG) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            self.fail(place, f"invalid key {value!r}")
            return str(value)
        return value


def _levels(reader: _Reader, data: Any) -> tuple[Level, ...]:
    entries = reader.items(data, "levels")
    if entries and len(entries) != LEVEL_COUNT:
        reader.fail("levels", f"expected {LEVEL_COUNT} levels, found {len(entries)}")
    levels = []
    for index, entry in enumerate(entries):
        place = f"levels[{index}]"
        entry = reader.mapping(entry, place)
        if entry.get("level") != index + 1:
            reader.fail(f"{place}.level", f"expected {index + 1}")
        levels.append(
            Level(
                index + 1,
                reader.text(entry.get("name"), f"{place}.name"),
                reader.text(entry.get("summary"), f"{place}.summary"),
            )
        )
    return tuple(levels)


def _question(reader: _Reader, data: Any, place: str, dimension: str) -> Question:
    entry = reader.mapping(data, place)
    key = reader.slug(entry.get("key"), f"{place}.key", _QUESTION_KEY)
    place = f"{place} ({key})"
    if not key.startswith(f"{dimension}."):
        reader.fail(f"{place}.key", f"must start with the dimension key '{dimension}.'")
    descriptors = reader.items(entry.get("levels"), f"{place}.levels")
    if descriptors and len(descriptors) != LEVEL_COUNT:
        reader.fail(f"{place}.levels", f"expected {LEVEL_COUNT} level descriptors, found {len(descriptors)}")
    return Question(
        key=key,
        dimension=dimension,
        weight=reader.number(entry.get("weight", 1.0), f"{place}.weight", positive=True),
        text=reader.text(entry.get("text"), f"{place}.text"),
        levels=tuple(reader.text(text, f"{place}.levels[{index}]") for index, text in enumerate(descriptors)),
    )


def _dimensions(reader: _Reader, data: Any) -> tuple[Dimension, ...]:
    dimensions = []
    for index, entry in enumerate(reader.items(data, "dimensions")):
        place = f"dimensions[{index}]"
        entry = reader.mapping(entry, place)
        key = reader.slug(entry.get("key"), f"{place}.key")
        place = f"{place} ({key})"
        questions = tuple(
            _question(reader, question, f"{place}.questions[{number}]", key)
            for number, question in enumerate(reader.items(entry.get("questions"), f"{place}.questions"))
        )
        dimensions.append(
            Dimension(
                key=key,
                weight=reader.number(entry.get("weight", 1.0), f"{place}.weight", positive=True),
                name=reader.text(entry.get("name"), f"{place}.name"),
                description=reader.text(entry.get("description"), f"{place}.description"),
                questions=questions,
            )
        )
    return tuple(dimensions)


def _bound(reader: _Reader, data: Any, place: str) -> Bound | None:
    if data is None:
        return None
    entry = reader.mapping(data, place)
    if len(entry) != 1 or next(iter(entry), None) not in ("above", "below"):
        reader.fail(place, "expected {above: number} or {below: number}")
        return None
    direction, value = next(iter(entry.items()))
    return Bound(direction, reader.number(value, f"{place}.{direction}"))


def _expectations(reader: _Reader, data: Any) -> tuple[Expectation, ...]:
    expectations = []
    for index, entry in enumerate(reader.items(data or [], "expectations", minimum=0)):
        place = f"expectations[{index}]"
        entry = reader.mapping(entry, place)
        key = reader.slug(entry.get("key"), f"{place}.key")
        place = f"{place} ({key})"
        unit = entry.get("unit")
        if unit not in UNITS:
            reader.fail(f"{place}.unit", f"expected one of {', '.join(UNITS)}")
        minimum = reader.number(entry.get("min"), f"{place}.min")
        maximum = reader.number(entry.get("max"), f"{place}.max")
        if minimum >= maximum:
            reader.fail(f"{place}.max", "must be greater than min")
        unrealistic = _bound(reader, entry.get("unrealistic_if"), f"{place}.unrealistic_if")
        pessimistic = _bound(reader, entry.get("pessimistic_if"), f"{place}.pessimistic_if")
        expectations.append(
            Expectation(
                key=key,
                unit=str(unit),
                minimum=minimum,
                maximum=maximum,
                text=reader.text(entry.get("text"), f"{place}.text"),
                help=reader.text(entry.get("help"), f"{place}.help"),
                unrealistic=unrealistic,
                pessimistic=pessimistic,
                unrealistic_warning=reader.text(entry.get("unrealistic_warning"), f"{place}.unrealistic_warning")
                if unrealistic
                else {},
                pessimistic_warning=reader.text(entry.get("pessimistic_warning"), f"{place}.pessimistic_warning")
                if pessimistic
                else {},
            )
        )
    return tuple(expectations)


def _check_unique(reader: _Reader, keys: list[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            reader.fail(what, f"duplicate key {key!r}")
        seen.add(key)


def parse_questionnaire(data: Any) -> Questionnaire:
    """Build a Questionnaire from parsed YAML/JSON, or raise QuestionnaireError listing every problem."""
    reader = _Reader()
    root = reader.mapping(data, "(file)")
    key = reader.slug(root.get("key"), "key")
    version = root.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        reader.fail("version", "expected a whole number from 1 upwards")
        version = 0
    questionnaire = Questionnaire(
        key=key,
        version=version,
        title=reader.text(root.get("title"), "title"),
        description=reader.text(root.get("description"), "description"),
        levels=_levels(reader, root.get("levels")),
        dimensions=_dimensions(reader, root.get("dimensions")),
        expectations=_expectations(reader, root.get("expectations")),
    )
    _check_unique(reader, [dimension.key for dimension in questionnaire.dimensions], "dimensions")
    _check_unique(reader, [question.key for question in questionnaire.questions], "questions")
    _check_unique(reader, [expectation.key for expectation in questionnaire.expectations], "expectations")
    if reader.errors:
        raise QuestionnaireError(reader.errors)
    return questionnaire
