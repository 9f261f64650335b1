"""Check how chart labels wrap: balanced lines, CJK punctuation kept off line starts, an ellipsis when too long."""

from __future__ import annotations

import pytest

from charts.text import _wrap


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("客户数据", ("客户数据",)),
        ("销售与营销流程", ("销售与营销流程",)),
        ("系统集成与数据迁移", ("系统集成与", "数据迁移")),  # balanced, not 8 + 1
        ("Sales and marketing process", ("Sales and", "marketing process")),
        ("客户服务与支持管理体系建设与持续优化", ("客户服务与支持管", "理体系建设与持…")),
        ("Customer relationship management strategy", ("Customer", "relationship mana…")),
        ("数据治理，质量与安全", ("数据治理，", "质量与安全")),  # the comma never starts a line
        ("  spaced   out  ", ("spaced out",)),
        ("", ()),
    ],
)
def test_labels_wrap_in_two_lines_at_most(text: str, lines: tuple[str, ...]) -> None:
    assert _wrap(text) == lines
