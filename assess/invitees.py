"""Parse a pasted or uploaded list of respondents (CSV: name, e-mail, department, role) and find repeated e-mails."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_ROWS = 2000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HEADER_WORDS = {"name", "姓名", "名字", "email", "e-mail", "邮箱", "郵箱", "電子郵件", "电子邮箱"}


def email_key(email: str | None) -> str | None:
    """Return an e-mail as it is stored and compared: trimmed, in lower case, None when empty."""
    return (email or "").strip().lower() or None


@dataclass(frozen=True)
class Invitee:
    """One respondent to invite; `line` is where a pasted list gave it (0 for the single form)."""

    name: str
    email: str | None
    department: str
    role: str
    line: int = field(default=0, compare=False)

    def cleaned(self) -> Invitee:
        """Return the invitee as stored: values trimmed, the e-mail in lower case and None when empty."""
        return Invitee(
            self.name.strip(), email_key(self.email), self.department.strip(), (self.role or "").strip(), self.line
        )


@dataclass(frozen=True)
class RowError:
    """A problem in one line of the list; `code` selects the translated message, `email` and `other` fill it in.

    For a repeated e-mail, `other` is the line it first appeared on, or the name of the respondent already invited.
    """

    line: int
    code: str
    email: str = ""
    other: str = ""


@dataclass(frozen=True)
class AlreadyInvited:
    """An e-mail on the list that the assessment has already invited, with the name it was invited under."""

    invitee: Invitee
    invited_as: str


def already_invited(invitees: Sequence[Invitee], invited: Mapping[str, str]) -> tuple[AlreadyInvited, ...]:
    """Return the invitees whose e-mail is among the invited ones (e-mail -> name) or earlier in the same list."""
    seen = dict(invited)
    found = []
    for invitee in invitees:
        key = email_key(invitee.email)
        if key is None:
            continue
        if key in seen:
            found.append(AlreadyInvited(invitee, seen[key]))
        else:
            seen[key] = invitee.name.strip()
    return tuple(found)


def _sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    # Lists pasted from spreadsheets arrive tab-separated; Chinese users may type full-width commas.
    if "\t" in text:
        return csv.excel_tab
    return csv.excel


def _line_problem(
    cells: list[str], line_number: int, first_line: Mapping[str, int], invited: Mapping[str, str]
) -> RowError | None:
    """Return what is wrong with one line of the list, or None."""
    name, email, department, role = cells[:4]
    key = email_key(email)
    if len(cells) > 4 and any(cells[4:]):
        return RowError(line_number, "too_many_columns")
    if not name:
        return RowError(line_number, "missing_name")
    if not department:
        return RowError(line_number, "missing_department")
    if key is not None and not _EMAIL.match(email):
        return RowError(line_number, "bad_email")
    if key is not None and key in first_line:
        return RowError(line_number, "duplicate_email", email, str(first_line[key]))
    if key is not None and key in invited:
        return RowError(line_number, "already_invited", email, invited[key])
    if max(len(name), len(department), len(role)) > 120:
        return RowError(line_number, "too_long")
    return None


def parse_invitees(text: str, invited: Mapping[str, str] | None = None) -> tuple[list[Invitee], list[RowError]]:
    """Read name, e-mail (optional), department, role (optional) per line; report every bad line.

    `invited` maps the e-mails the assessment has already invited to their names: those lines are reported, as
    are e-mails given twice in the list (e-mails are compared trimmed and in any case).
    """
    text = text.replace("，", ",").lstrip("\ufeff")
    invited = invited or {}
    invitees: list[Invitee] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for line_number, row in enumerate(csv.reader(io.StringIO(text), _sniff_dialect(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line_number == 1 and cells[0].lower() in _HEADER_WORDS:
            continue
        cells += [""] * (4 - len(cells))
        problem = _line_problem(cells, line_number, first_line, invited)
        if problem is not None:
            errors.append(problem)
        else:
            invitee = Invitee(*cells[:4], line=line_number).cleaned()
            if invitee.email:
                first_line[invitee.email] = line_number
            invitees.append(invitee)
        if len(invitees) + len(errors) > MAX_ROWS:
            errors.append(RowError(line_number, "too_many_rows"))
            break
    return invitees, errors
