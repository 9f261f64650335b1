"""Count SQL statements, for benchmarks and for tests that keep page cost flat as data grows."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.engine import Engine


@dataclass
class QueryLog:
    """The SQL statements run inside a count_queries block."""

    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return how many statements ran."""
        return len(self.statements)


@contextmanager
def count_queries(engine: Engine) -> Iterator[QueryLog]:
    """Record every statement the engine runs inside the block (BEGIN/COMMIT excluded)."""
    log = QueryLog()

    def _record(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            log.statements.append(statement)

    event.listen(engine, "before_cursor_execute", _record)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", _record)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that makes many short-lived, acyclic objects.

    Reading tens of thousands of rows triggers full collections that scan every live object of the
    process again and again; reference counting frees the rows anyway, so the scans are wasted work.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
