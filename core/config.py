"""Configuration: defaults, then instance/config.py, then the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from core.clock import DEFAULT_TIME_ZONE, is_time_zone

DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "LOGIN_RATE_LIMIT": "10 per minute",
    "PASSWORD_HASH_METHOD": "scrypt",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
    "BABEL_DEFAULT_LOCALE": "en",
    "TIMEZONE": DEFAULT_TIME_ZONE,  # the site's time zone; a client may have its own
    "WTF_I18N_ENABLED": False,  # our validators carry their own translated messages
    "WTF_CSRF_TIME_LIMIT": 60 * 60 * 12,
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
}

# Settings read from the environment when set there (strings; "true"/"false" become booleans).
ENVIRONMENT_KEYS = ("SECRET_KEY", "RATELIMIT_STORAGE_URI", "LOGIN_RATE_LIMIT", "SESSION_COOKIE_SECURE", "TIMEZONE")


def database_url(raw: str) -> str:
    """Return a SQLAlchemy URL, choosing psycopg 3 for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def _env_value(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return value


def _instance_secret_key(app: Flask) -> str:
    """Read the instance's secret key, creating a random one on first use."""
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill app.config from defaults, instance/config.py, the environment and test settings."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'crm.sqlite3'}"
    app.config.from_pyfile("config.py", silent=True)
    for key in ENVIRONMENT_KEYS:
        if os.environ.get(key):
            app.config[key] = _env_value(os.environ[key])
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(app)
    _set_time_zone(app)


def _set_time_zone(app: Flask) -> None:
    """Check TIMEZONE once at start-up and make it the zone of every date the site prints by default."""
    zone = app.config["TIMEZONE"]
    if not is_time_zone(zone):
        raise ValueError(f"TIMEZONE = {zone!r} is not a time zone name such as 'Asia/Shanghai' or 'UTC'.")
    app.config["BABEL_DEFAULT_TIMEZONE"] = zone
