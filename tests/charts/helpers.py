"""Shared helpers of the chart tests: parse the SVG, pick its elements, and inputs that stress the layout."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from charts.radar import RadarSeries, radar_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ("<script>alert(1)</script>", 'a & b "q"')

TEN_AXES = (
    "客户数据",
    "销售与营销流程",
    "客户服务与支持管理体系建设与持续优化",
    "Sales and marketing process",
    "数据治理",
    "系统集成与数据迁移",
    "Reporting and analytics dashboards for management",
    "组织与人员",
    "移动办公",
    "Customer relationship management strategy and governance",
)
TEN_VALUES = (3.2, 2.5, 4.1, 1.8, 3.0, None, 2.2, 4.6, 3.3, 2.7)


def parse(svg: Markup) -> ET.Element:
    return ET.fromstring(str(svg))


def elements(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(SVG + tag))


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in elements(root, "text")]


def ten_axis_radar() -> Markup:
    return radar_chart(
        TEN_AXES,
        [
            RadarSeries("当前水平", TEN_VALUES),
            RadarSeries("目标", tuple(4.0 for _ in TEN_AXES), "target"),
            RadarSeries("销售部", tuple(2.0 for _ in TEN_AXES), "overlay"),
            RadarSeries("Customer service department", tuple(3.5 for _ in TEN_AXES), "overlay"),
        ],
        title="成熟度",
    )
