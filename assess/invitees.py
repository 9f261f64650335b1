"""Parse a pasted or uploaded list of respondents (CSV: name, e-mail, department, role)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

MAX_ROWS = 2000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HEADER_WORDS = {"name", "姓名", "名字", "email", "e-mail", "邮箱", "郵箱", "電子郵件", "电子邮箱"}


@dataclass(frozen=True)
class Invitee:
    """One respondent to invite."""

    name: str
    email: str | None
    department: str
    role: str

    def cleaned(self) -> Invitee:
        """Return the invitee as stored: values trimmed, the e-mail in lower case and None when empty."""
        return Invitee(
            self.name.strip(),
            (self.email or "").strip().lower() or None,
            self.department.strip(),
            (self.role or "").strip(),
        )


@dataclass(frozen=True)
class RowError:
    """A problem in one line of the list; `code` selects the translated message."""

    line: int
    code: str


def _sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    # Lists pasted from spreadsheets arrive tab-separated; Chinese users may type full-width commas.
    if "\t" in text:
        return csv.excel_tab
    return csv.excel


def parse_invitees(text: str) -> tuple[list[Invitee], list[RowError]]:
    """Read name, e-mail (optional), department, role (optional) per line; report every bad line."""
    text = text.replace("，", ",").lstrip("\ufeff")
    invitees: list[Invitee] = []
    errors: list[RowError] = []
    seen_emails: set[str] = set()
    for line_number, row in enumerate(csv.reader(io.StringIO(text), _sniff_dialect(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line_number == 1 and cells[0].lower() in _HEADER_WORDS:
            continue
        cells += [""] * (4 - len(cells))
        name, email, department, role = cells[:4]
        if len(cells) > 4 and any(cells[4:]):
            errors.append(RowError(line_number, "too_many_columns"))
        elif not name:
            errors.append(RowError(line_number, "missing_name"))
        elif not department:
            errors.append(RowError(line_number, "missing_department"))
        elif email and not _EMAIL.match(email):
            errors.append(RowError(line_number, "bad_email"))
        elif email and email.lower() in seen_emails:
            errors.append(RowError(line_number, "duplicate_email"))
        elif max(len(name), len(department), len(role)) > 120:
            errors.append(RowError(line_number, "too_long"))
        else:
            if email:
                seen_emails.add(email.lower())
            invitees.append(Invitee(name, email, department, role).cleaned())
        if len(invitees) + len(errors) > MAX_ROWS:
            errors.append(RowError(line_number, "too_many_rows"))
            break
    return invitees, errors
