"""Command line: load the demo data (idempotent)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from accounts.models import User
from core.extensions import db
from demo.seed import DEMO_PASSWORD, demo_logins, seed_demo


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Load the demo only into a database without users.")
@with_appcontext
def seed_demo_command(if_empty: bool) -> None:
    """Create the demo consultancy, clients, users and projects; running it again changes nothing."""
    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo("The database already has users; demo data not loaded.")
        logins = demo_logins()
    else:
        report = seed_demo()
        click.echo("Demo data " + ("created." if report.created else "already present; nothing changed."))
        logins = report.logins
    if logins:
        click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, role, client in logins:
            click.echo(f"  {role:<11} {email:<34} {client}")
