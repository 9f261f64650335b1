"""The /healthz probe: is the app up and can it reach its database."""

from __future__ import annotations

import time

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from core.extensions import csrf, db, limiter

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@limiter.exempt
@csrf.exempt
def healthz() -> ResponseReturnValue:
    """Answer JSON with the database status; 503 when the database does not answer."""
    started = time.perf_counter()
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        database = {"status": "ok", "dialect": db.engine.dialect.name}
        healthy = True
    except Exception as error:  # noqa: BLE001  (any driver error means "down")
        db.session.rollback()
        database = {"status": "error", "error": error.__class__.__name__}
        healthy = False
    database["ms"] = round((time.perf_counter() - started) * 1000, 2)
    return jsonify(status="ok" if healthy else "error", database=database), 200 if healthy else 503
