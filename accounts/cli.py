"""Command line: create a user."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from accounts import services
from accounts.models import Client, Role
from core.errors_domain import RuleError
from core.extensions import db


@click.command("create-user")
@click.option("--email", required=True, help="E-mail address, used to sign in.")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--client", "client_name", help="Client company name (sponsors and members).")
@click.password_option(help="At least 8 characters; asked for when not given.")
@with_appcontext
def create_user_command(email: str, name: str, role: str, client_name: str | None, password: str) -> None:
    """Create a user who can sign in."""
    client_id = None
    if client_name:
        client = db.session.scalars(select(Client).where(Client.name == client_name)).first()
        if client is None:
            raise click.ClickException(f"No client named {client_name!r}.")
        client_id = client.id
    try:
        user, _ = services.create_user(email, name, Role(role), client_id, password)
    except RuleError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")
