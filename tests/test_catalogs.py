"""Every text a user reads is translated into Simplified and Traditional Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalog(locale: str):
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def _key(message) -> tuple[str | None, str]:
    """Return a message's context and singular id (plural messages have a (singular, plural) pair)."""
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def _translated(message) -> bool:
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return bool(strings) and all(strings) and not message.fuzzy


def _extracted_ids(tmp_path: Path) -> set[tuple[str | None, str]]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_pgettext:1c,2",
            "-k",
            "message_format",
            "-o",
            str(pot),
            "--no-location",
            "--ignore-dirs",
            ".* tests",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {_key(message) for message in read_po(handle) if message.id}


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant"])
def test_every_message_in_the_code_is_translated(tmp_path, locale) -> None:
    catalog = _catalog(locale)
    translated = {_key(message) for message in catalog if message.id and _translated(message)}
    missing = sorted(_extracted_ids(tmp_path) - set(translated))
    assert missing == [], f"untranslated in {locale}: {missing[:10]}"


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant"])
def test_translations_keep_their_placeholders(locale) -> None:
    for message in _catalog(locale):
        if not message.id or not _translated(message):
            continue
        source = message.id if isinstance(message.id, str) else message.id[-1]
        for text in [message.string] if isinstance(message.string, str) else message.string:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), message.id


def test_traditional_catalog_is_not_simplified() -> None:
    simplified = {_key(message): message.string for message in _catalog("zh_Hans") if message.id}
    traditional = {_key(message): message.string for message in _catalog("zh_Hant") if message.id}
    differing = sum(1 for key, text in traditional.items() if text != simplified.get(key))
    assert differing / len(traditional) > 0.7
