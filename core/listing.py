"""Sorting and filtering a list from GET parameters, checked against what the list allows: pure, no Flask, no db.

A list names its parameters with a prefix (two lists on one page keep apart), reads them with `parse_listing`, and
gets back a `Listing` that knows the links of its column headers and of "clear filters". Those links are query
strings relative to the page, so a sorted and filtered view is a URL that can be bookmarked and shared.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar
from urllib.parse import urlencode

RowT = TypeVar("RowT")


class Direction(enum.StrEnum):
    """Which way a column is sorted."""

    ASC = "asc"
    DESC = "desc"


ARIA_SORT = {Direction.ASC: "ascending", Direction.DESC: "descending"}
ARROWS = {Direction.ASC: "▲", Direction.DESC: "▼"}


@dataclass(frozen=True)
class ListingSpec:
    """What a list may be sorted and filtered by, the prefix of its parameters and the anchor its links go to."""

    prefix: str
    sort_keys: tuple[str, ...]
    default_sort: str
    default_direction: Direction = Direction.ASC
    filters: tuple[str, ...] = ()
    anchor: str = ""
    # Columns read newest or largest first when first clicked (dates of updates, say).
    descending_first: frozenset[str] = frozenset()

    def name(self, parameter: str) -> str:
        """Return the GET parameter name of a list parameter ("sort", "dir" or a filter)."""
        return f"{self.prefix}{parameter}"

    @property
    def own_names(self) -> frozenset[str]:
        """Return every GET parameter name this list reads."""
        return frozenset(self.name(parameter) for parameter in ("sort", "dir", *self.filters))


@dataclass(frozen=True)
class Listing:
    """A checked list request: its sort, its filters, and the page's other parameters that links keep."""

    spec: ListingSpec
    sort: str
    direction: Direction
    filters: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    kept: tuple[tuple[str, str], ...] = ()

    def value(self, name: str) -> str:
        """Return the value a filter is set to ("" when it is not set)."""
        return self.filters.get(name, "")

    @property
    def is_filtered(self) -> bool:
        """Return whether any filter is set."""
        return bool(self.filters)

    @property
    def is_sorted_by_default(self) -> bool:
        """Return whether the list shows its default order."""
        return (self.sort, self.direction) == (self.spec.default_sort, self.spec.default_direction)

    def aria_sort(self, key: str) -> str | None:
        """Return the aria-sort value of a column header: only the sorted column has one."""
        return ARIA_SORT[self.direction] if key == self.sort else None

    def arrow(self, key: str) -> str:
        """Return the arrow shown beside a column header: only on the sorted column."""
        return ARROWS[self.direction] if key == self.sort else ""

    def _own(self, sort: str, direction: Direction, filters: Mapping[str, str]) -> list[tuple[str, str]]:
        pairs = [(self.spec.name(name), filters[name]) for name in self.spec.filters if filters.get(name)]
        if (sort, direction) != (self.spec.default_sort, self.spec.default_direction):
            pairs += [(self.spec.name("sort"), sort), (self.spec.name("dir"), direction.value)]
        return pairs

    def _href(self, pairs: Iterable[tuple[str, str]]) -> str:
        query = urlencode([*self.kept, *pairs])
        return f"?{query}" + (f"#{self.spec.anchor}" if self.spec.anchor else "")

    def sort_href(self, key: str) -> str:
        """Return the link of a column header: the sorted column turns around, another starts its own way."""
        if key == self.sort:
            direction = Direction.DESC if self.direction is Direction.ASC else Direction.ASC
        else:
            direction = Direction.DESC if key in self.spec.descending_first else Direction.ASC
        return self._href(self._own(key, direction, self.filters))

    def filter_href(self, name: str, value: str) -> str:
        """Return the link that sets one filter (or drops it, for "") and keeps everything else."""
        filters = {key: found for key, found in {**self.filters, name: value}.items() if found}
        return self._href(self._own(self.sort, self.direction, filters))

    def clear_href(self) -> str:
        """Return the link that drops every filter of this list and keeps its sort and the page's other lists."""
        return self._href(self._own(self.sort, self.direction, {}))

    def hidden_fields(self) -> tuple[tuple[str, str], ...]:
        """Return the parameters a filter form carries unchanged: the other lists' and this list's sort."""
        return (*self.kept, *self._own(self.sort, self.direction, {}))


def parse_listing(spec: ListingSpec, args: Mapping[str, str], allowed: Mapping[str, Collection[str]]) -> Listing:
    """Read a list's sort and filters from GET parameters; an unknown key or value falls back to the default."""
    sort, asked = args.get(spec.name("sort"), ""), args.get(spec.name("dir"), "")
    if sort not in spec.sort_keys:  # no column, or an unknown one: the default column; an unknown one its default way
        sort, asked = spec.default_sort, "" if sort else asked
    try:
        direction = Direction(asked)
    except ValueError:
        direction = spec.default_direction if sort == spec.default_sort else _first_direction(spec, sort)
    filters = {
        name: value
        for name in spec.filters
        if (value := args.get(spec.name(name), "")) and value in allowed.get(name, ())
    }
    kept = tuple((name, value) for name, value in args.items() if name not in spec.own_names)
    return Listing(spec, sort, direction, MappingProxyType(filters), kept)


def _first_direction(spec: ListingSpec, key: str) -> Direction:
    return Direction.DESC if key in spec.descending_first else Direction.ASC


def sort_rows(rows: Iterable[RowT], keys: Mapping[str, Callable[[RowT], Any]], listing: Listing) -> tuple[RowT, ...]:
    """Sort rows by the listing's column; rows without a value go last either way, ties keep their order."""
    key, listed = keys[listing.sort], list(rows)
    valued = [row for row in listed if key(row) is not None]
    empty = [row for row in listed if key(row) is None]
    return (*sorted(valued, key=key, reverse=listing.direction is Direction.DESC), *empty)


@dataclass(frozen=True)
class Shown:
    """How many rows a filtered list shows, of how many it has in all."""

    shown: int
    total: int

    @property
    def is_partial(self) -> bool:
        """Return whether filters hide some rows."""
        return self.shown < self.total
