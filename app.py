"""Application factory: `flask --app app run` serves the site, `flask --app app --help` lists commands."""

from __future__ import annotations

from typing import Any

from flask import Flask, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from accounts import labels as accounts_labels
from accounts.cli import create_user_command
from accounts.models import User
from accounts.routes import bp as accounts_bp
from accounts.zones import client_time_zone
from assess import labels as assess_labels
from assess.cli import questionnaire_group
from assess.respond import bp as respond_bp
from assess.routes import bp as assess_bp
from core.config import load_config
from core.content import localized
from core.db import install_sqlite_rules
from core.errors import init_errors
from core.extensions import babel, csrf, db, limiter, login_manager, migrate
from core.health import bp as health_bp
from core.i18n import HTML_LANG, LOCALE_NAMES, LOCALES, day, message_format, moment, select_locale
from core.labels import label_filter
from core.security import init_security
from core.web import init_feedback
from dashboard.routes import bp as dashboard_bp
from demo.cli import seed_demo_command
from phases.issues import labels as issue_labels
from phases.issues.routes import bp as issues_bp
from phases.overview import labels as overview_labels
from phases.overview.routes import bp as overview_bp
from phases.projects import labels as project_labels
from phases.projects.methodology import phase_name
from phases.projects.routes import bp as projects_bp
from phases.recovery import labels as recovery_labels
from phases.recovery.routes import bp as recovery_bp
from phases.rollout import labels as rollout_labels
from phases.rollout.routes import bp as rollout_bp
from reports.cli import report_group
from reports.routes import bp as reports_bp

# Every page of the site, in the order their URL rules are matched.
BLUEPRINTS = (
    health_bp,
    accounts_bp,
    dashboard_bp,
    overview_bp,
    projects_bp,
    issues_bp,
    rollout_bp,
    recovery_bp,
    assess_bp,
    respond_bp,
    reports_bp,
)
# Each feature's translated names of enum values and audit-trail terms.
LABEL_REGISTRARS = (
    accounts_labels.register,
    assess_labels.register,
    project_labels.register,
    issue_labels.register,
    rollout_labels.register,
    recovery_labels.register,
    overview_labels.register,
)


def create_app(test_config: dict[str, Any] | None = None, instance_path: str | None = None) -> Flask:
    """Create and configure an instance of the site."""
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    load_config(app, test_config)

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=client_time_zone)
    limiter.init_app(app)
    _init_login(app)
    with app.app_context():
        install_sqlite_rules(db.engine)

    for register_labels in LABEL_REGISTRARS:
        register_labels()
    _register_blueprints(app)
    _register_cli(app)
    init_errors(app)
    init_security(app)
    init_feedback(app)
    _init_templates(app)
    return app


def _init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(login_id: str) -> User | None:
        user_id, _, token = login_id.partition(":")
        if not user_id.isdigit() or not token:
            return None
        user = db.session.get(User, int(user_id))
        # A rotated token (logout, password change) means the cookie belongs to an ended session.
        if user is None or not user.is_active or user.session_token != token:
            return None
        return user


def _register_blueprints(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def _register_cli(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(questionnaire_group)
    app.cli.add_command(report_group)
    app.cli.add_command(seed_demo_command)


def _init_templates(app: Flask) -> None:
    app.jinja_env.filters["label"] = label_filter
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["moment"] = moment
    app.jinja_env.globals["localized"] = localized
    app.jinja_env.globals["message_format"] = message_format
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.template_global()
    def phase_label(project: Any, phase: Any) -> str:
        """Return a phase's name in the current language."""
        return phase_name(project.methodology, phase.key, str(get_locale()))

    @app.context_processor
    def inject_locale() -> dict[str, Any]:
        locale = str(get_locale())
        return {
            "current_locale": locale,
            "html_lang": HTML_LANG.get(locale, "en"),
            "locale_names": LOCALE_NAMES,
            "locale_tags": HTML_LANG,  # each language's name is written in that language: tag it so
            "locales": LOCALES,
            "current_path": request.full_path.rstrip("?") if has_request_context() else "/",
        }
