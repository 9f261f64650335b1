"""Questionnaire files: validation with places, the bundled questionnaire, export/import round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assess.library import bundled_files, read_file
from assess.questionnaire import LANGUAGES, QuestionnaireError, parse_questionnaire


def test_small_questionnaire_parses(small_questionnaire) -> None:
    parsed = parse_questionnaire(small_questionnaire)
    assert [d.key for d in parsed.dimensions] == ["data", "sales"]
    assert parsed.question("data.dupes").weight == 3.0 and len(parsed.questions) == 3


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda q: q["dimensions"][0]["questions"][1]["levels"].pop(),
            "dimensions[0] (data).questions[1] (data.dupes).levels: expected 5 level descriptors, found 4",
        ),
        (lambda q: q["dimensions"][1]["name"].pop("zh_Hant"), "dimensions[1] (sales).name.zh_Hant: missing or empty"),
        (lambda q: q["dimensions"][0].update(weight=0), "dimensions[0] (data).weight: must be greater than 0"),
        (lambda q: q["dimensions"][1]["questions"][0].update(key="data.code"), "questions: duplicate key 'data.code'"),
        (lambda q: q["dimensions"][1]["questions"][0].update(key="leads"), "invalid key 'leads'"),
        (lambda q: q.update(version="one"), "version: expected a whole number from 1 upwards"),
        (
            lambda q: q["expectations"][0].update(unit="dollars"),
            "expectations[0] (sales_growth_pct).unit: expected one of percent, months",
        ),
        (
            lambda q: q["expectations"][0].update(unrealistic_if={"beyond": 3}),
            "unrealistic_if: expected {above: number} or {below: number}",
        ),
        (lambda q: q["levels"].pop(), "levels: expected 5 levels, found 4"),
    ],
)
def test_errors_name_their_place(small_questionnaire, mutate, expected) -> None:
    mutate(small_questionnaire)
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(small_questionnaire)
    assert any(expected in message for message in caught.value.errors), caught.value.errors


def test_every_error_is_reported_at_once(small_questionnaire) -> None:
    small_questionnaire["title"] = {}
    small_questionnaire["dimensions"][0]["questions"][0]["levels"] = []
    small_questionnaire["dimensions"][1]["weight"] = -1
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(small_questionnaire)
    assert len(caught.value.errors) >= 3


def test_bundled_questionnaire_is_complete() -> None:
    files = bundled_files()
    assert files, "no bundled questionnaire"
    parsed = parse_questionnaire(read_file(files[0]))
    assert len(parsed.questions) >= 40
    assert 9 <= len(parsed.dimensions) <= 11
    assert len(parsed.expectations) >= 3
    keys = {d.key for d in parsed.dimensions}
    assert {
        "strategy",
        "customer_data",
        "channels",
        "sales_marketing",
        "service",
        "analytics",
        "technology",
        "organisation",
        "governance",
    } <= keys
    descriptors = [descriptor for question in parsed.questions for descriptor in question.levels]
    assert len(descriptors) == 5 * len(parsed.questions)
    assert all(set(descriptor) == set(LANGUAGES) and all(descriptor.values()) for descriptor in descriptors)
    # Traditional texts are written for Traditional readers, not copies of the Simplified ones.
    differing = sum(descriptor["zh_Hans"] != descriptor["zh_Hant"] for descriptor in descriptors)
    assert differing / len(descriptors) > 0.8


def test_cli_export_import_round_trip(app, runner, tmp_path: Path) -> None:
    exported = tmp_path / "crm.yaml"
    result = runner.invoke(args=["questionnaire", "export", "crm-maturity", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    original = read_file(bundled_files()[0])
    assert yaml.safe_load(exported.read_text(encoding="utf-8")) == original
    again = runner.invoke(args=["questionnaire", "import", str(exported)])
    assert again.exit_code == 0 and "unchanged" in again.output
    as_json = tmp_path / "crm.json"
    runner.invoke(args=["questionnaire", "export", "crm-maturity", "-o", str(as_json)])
    assert json.loads(as_json.read_text(encoding="utf-8")) == original


def test_cli_import_reports_every_error_and_refuses_changes_in_place(
    app, runner, tmp_path: Path, small_questionnaire
) -> None:
    good = tmp_path / "mini.yaml"
    good.write_text(yaml.safe_dump(small_questionnaire, allow_unicode=True), encoding="utf-8")
    assert runner.invoke(args=["questionnaire", "import", str(good)]).exit_code == 0
    changed = dict(small_questionnaire, title={"zh_Hans": "改", "zh_Hant": "改", "en": "Changed"})
    good.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    refused = runner.invoke(args=["questionnaire", "import", str(good)])
    assert refused.exit_code != 0 and "never changed" in refused.output
    changed["version"] = 2
    good.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    assert runner.invoke(args=["questionnaire", "import", str(good)]).exit_code == 0
    broken = dict(small_questionnaire, version=3)
    broken["dimensions"][0]["questions"][0]["levels"] = broken["dimensions"][0]["questions"][0]["levels"][:2]
    broken["dimensions"][1]["name"] = {"en": "Sales"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(args=["questionnaire", "import", str(bad)])
    assert result.exit_code != 0
    assert "dimensions[0] (data).questions[0] (data.code).levels: expected 5" in result.output
    assert "dimensions[1] (sales).name.zh_Hans: missing or empty" in result.output
    not_yaml = tmp_path / "x.yaml"
    not_yaml.write_text("key: [unclosed", encoding="utf-8")
    assert "cannot be read" in runner.invoke(args=["questionnaire", "import", str(not_yaml)]).output
