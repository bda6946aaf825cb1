"""HTML: one complete UTF-8 page, each table with the exact rowspan and colspan of the official form."""

from __future__ import annotations

from html import escape

from zfxxgk.render.document import Document
from zfxxgk.render.grid import Grid, GridCell

_STYLE = """\
body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; max-width: 60em; margin: 2em auto; line-height: 1.7; }
h1 { text-align: center; font-size: 1.5em; }
h2 { font-size: 1.15em; }
p { text-indent: 2em; margin: 0.3em 0; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 0.2em 0.5em; }
th { font-weight: normal; text-align: center; }
th[scope="row"] { text-align: left; }
td { text-align: center; }
"""


def _cell(cell: GridCell) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = escape(cell.text)
    if cell.role == "value":
        # The pointer lets a reader of the page find the report cell without matching labels.
        return f'<td{attrs} data-pointer="{escape(cell.pointer or "")}">{text}</td>'
    scope = ' scope="row"' if cell.role == "label" else ""
    return f"<th{scope}{attrs}>{text}</th>"


def render_table(grid: Grid) -> str:
    """One <table>; each <tr> holds the cells whose top-left corner is in that row, as HTML requires."""
    lines = [f'<table data-table="{escape(grid.name)}">']
    for r in range(grid.n_rows):
        lines.append("<tr>" + "".join(_cell(c) for c in grid.row(r)) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def render_fragment(document: Document) -> str:
    """The title, sections and tables without the page around them, for embedding in another page
    (the web checker of ``zfxxgk serve`` shows it with its own style)."""
    out = [f"<h1>{escape(document.title)}</h1>"]
    for section in document.sections:
        out.append(f"<h2>{escape(section.heading)}</h2>")
        out.extend(f"<p>{escape(p)}</p>" for p in section.paragraphs)
        if section.table is not None:
            out.append(render_table(section.table))
    return "\n".join(out)


def render_html(document: Document) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        render_fragment(document),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
