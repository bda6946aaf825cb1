"""The table view: the whole official layout, wrapped labels, marks with a legend, at 80 and 120 columns."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from tests.conftest import EXAMPLES
from zfxxgk.cli_output import print_result
from zfxxgk.inputs import load_path
from zfxxgk.layout import layout
from zfxxgk.validate import Validator

VALIDATOR = Validator()


def _shown(path: str, lang: str, width: int, every: bool = True) -> str:
    [loaded] = list(load_path(EXAMPLES / path, typed=True))
    result = VALIDATOR.validate(loaded.document, source=path)
    if loaded.parse is not None:
        from zfxxgk.validate.parse_findings import with_parse_findings

        result = with_parse_findings(result, loaded.parse)
    console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False, markup=False)
    print_result(console, result, lang, show_tables=True, every_table=every)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_fits_the_terminal(width: int, lang: str) -> None:
    text = _shown("invalid/E303-outcomes-do-not-add-up-to-total.json", lang, width)
    table_lines = [line for line in text.splitlines() if line[:1] in "┌│├└"]
    assert table_lines and max(cell_len(line) for line in table_lines) <= width


@pytest.mark.parametrize("width", [80, 120])
def test_every_label_and_heading_row_of_the_layout_is_shown_whole(width: int) -> None:
    text = _shown("valid/large-city-government-2022.json", "zh", width)
    # The label column read top to bottom: a wrapped label continues on the next lines.
    labels = [line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│")]
    squeezed = "".join(labels) + "".join(line.strip() for line in text.splitlines() if not line.startswith("│"))
    for table in layout("2021").tables:
        for node in table.nodes():
            assert node.title in squeezed, node.title  # headings (三)不予公开 … and rows, never cut with "…"
    assert "…" not in text


def test_rows_numbered_1_stand_under_their_group_heading() -> None:
    lines = _shown("valid/large-city-government-2022.json", "zh", 80).splitlines()
    heading = next(i for i, line in enumerate(lines) if "（六）其他处理" in line)
    assert "1.申请人无正当理由" in lines[heading + 1]
    assert lines[heading + 1].index("1.申请人") > lines[heading].index("（六）")  # indented below its group


def test_marks_and_legend_in_both_languages() -> None:
    zh = _shown("invalid/E303-outcomes-do-not-add-up-to-total.json", "zh", 80)
    assert "242✗" in zh and "图例：✗ 错误" in zh and "? 无法判定" in zh and "~ 读取时修复或推断" in zh
    en = _shown("invalid/W106-blank-cell.json", "en", 120)
    assert "marks: ✗ error" in en and "! warning" in en
    assert "Commercial" in en and "Not disclosed" in en


def test_english_headers_too_wide_for_80_columns_are_numbered_with_a_key() -> None:
    text = _shown("invalid/E303-outcomes-do-not-add-up-to-total.json", "en", 80)
    assert "(1) Natural persons" in text and "(7) Total" in text
    assert "│  (1) │" in text or "│ (1) │" in text


def test_a_published_document_shows_its_tables_with_repaired_cells_marked() -> None:
    text = _shown("jiyuan-sfj-2021.txt", "zh", 100)
    assert "三、收到和处理政府信息公开申请情况" in text
    assert "~" in text  # rows the importer repaired (P302/P303)
    assert "!" in text  # the blank cells (W106)


def test_by_default_only_tables_with_a_marked_cell() -> None:
    text = _shown("invalid/E401-table4-block-total-wrong.json", "zh", 80, every=False)
    assert "四、政府信息公开行政复议、行政诉讼情况" in text and "二、主动公开政府信息情况" not in text
