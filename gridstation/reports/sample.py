"""A sample report exercising the PDF base: CJK text, rare characters, user markup, long tables.

Used by the command line ("render a sample PDF") and by tests to show that fonts,
escaping, page numbering and table page breaks work together.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from gridstation.reports.pdf_base import CONTENT_WIDTH, build_pdf, heading, paragraph, table, title

SAMPLE_TITLE = "网格服务站报表样张"
RARE_NAME = "𠀀𪚥"  # CJK Ext-B: only the HanaMin B fallback font has these
USER_MARKUP = "<b>不加粗</b> & <font> &amp;"

INTRO = (
    "本样张用于检查报表底层：中文正文、自动换行、页眉页脚与分页。"
    "社区网格员每日走访辖区住户，记录民情民意，协调邻里纠纷，"
    "并将需要上级部门处理的事项及时上报。"
)
RARE_TEXT = f"生僻字检查：居民姓名“王{RARE_NAME}”中的字来自扩展 B 区，应以后备字体正常显示，而不是方框。"
MARKUP_TEXT = f"用户输入原样打印：{USER_MARKUP}（不应被解释为格式）。"
MULTILINE_TEXT = "换行检查：第一行\n第二行\n\n空一行后的第四行"
SAMPLE_TABLE_ROWS = 60


def sample_rows(count: int = SAMPLE_TABLE_ROWS) -> list[list[str]]:
    """Header plus ``count`` rows of plausible visit records."""
    rows = [["序号", "日期", "住户", "事项", "处理情况"]]
    topics = ["楼道堆放杂物", "邻里噪音纠纷", "独居老人走访", "垃圾分类宣传", "路灯损坏报修"]
    for i in range(1, count + 1):
        name = f"王{RARE_NAME}" if i % 17 == 0 else f"住户{i:03d}"
        rows.append(
            [
                str(i),
                f"2024-05-{(i - 1) % 28 + 1:02d}",
                name,
                topics[i % len(topics)],
                "已上门沟通，双方达成一致，后续由网格员回访确认。" if i % 3 else "已处理",
            ]
        )
    return rows


def sample_story() -> list[Flowable]:
    widths = [12 * mm, 24 * mm, 28 * mm, 32 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return [
        title(SAMPLE_TITLE),
        heading("一、正文"),
        paragraph(INTRO),
        paragraph(RARE_TEXT),
        paragraph(MARKUP_TEXT),
        paragraph(MULTILINE_TEXT),
        Spacer(1, 6),
        heading("二、走访记录"),
        table(sample_rows(), widths),
    ]


def render_sample(
    path: str | os.PathLike[str] | IO[bytes],
    *,
    station_name: str = "幸福里社区网格服务站",
    generated_at: datetime | None = None,
) -> int:
    """Write the sample report to ``path``; returns its page count (at least two)."""
    return build_pdf(
        path,
        title=SAMPLE_TITLE,
        station_name=station_name,
        story=sample_story(),
        generated_at=generated_at,
    )
