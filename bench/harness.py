"""Shared benchmark plumbing: a migrated scratch database, timing and printing figures."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask_migrate import upgrade

from app import create_app

ROOT = Path(__file__).parent.parent


@dataclass(frozen=True)
class Figure:
    """One measured figure and the target it is held against."""

    name: str
    value: float
    unit: str
    target: float | None = None

    def line(self) -> str:
        """Return the figure as one printed line."""
        verdict = ""
        if self.target is not None:
            verdict = "  ok" if self.value <= self.target else "  OVER TARGET"
            verdict = f"  (target ≤ {self.target:g} {self.unit}){verdict}"
        return f"{self.name:<62} {self.value:>10.2f} {self.unit}{verdict}"


def scratch_app(database_url: str | None = None, **config: Any) -> Flask:
    """Return an app on a new, migrated SQLite file (or the given database)."""
    directory = Path(tempfile.mkdtemp(prefix="crm-bench-"))
    url = database_url or f"sqlite:///{directory / 'bench.sqlite3'}"
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            **config,
        },
        instance_path=str(directory),
    )
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    return app


def median_ms(action: Callable[[], Any], repeat: int = 30, warmup: int = 3) -> float:
    """Return the median wall time of an action in milliseconds."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)
