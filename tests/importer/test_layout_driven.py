"""The importer keeps no list of its own: every label, row and column comes from the layout."""

from __future__ import annotations

import ast
from pathlib import Path

from zfxxgk.layout import EDITIONS, Cell, Node, layout

IMPORTER = Path(__file__).resolve().parents[2] / "src" / "zfxxgk" / "importer"
OTHERS = {"read_docx.py", "read_pdf.py", "blocks.py"}  # readers written elsewhere; they read no labels


def _labels() -> set[str]:
    out: set[str] = set()

    def walk(node: Node | Cell) -> None:
        if isinstance(node, Cell):
            out.update((node.title_path[-1], *node.aliases))
            return
        out.update((node.title, *node.aliases))
        for child in node.children:
            walk(child)

    for edition in EDITIONS:
        for table in layout(edition).tables:
            walk(table)
        out.update(f.title for f in layout(edition).fields)
    # Two-character labels (总计, 其他, 规章) also occur in ordinary words and messages.
    return {label for label in out if len(label) > 2}


def _code_strings(source: str) -> str:
    """The string literals of a module's code (docstrings, which explain with examples, left out)."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return "\n".join(node.value for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings)


def test_no_importer_module_spells_out_a_label_of_the_layout() -> None:
    labels = _labels()
    for path in sorted(IMPORTER.glob("*.py")):
        if path.name in OTHERS:
            continue
        text = _code_strings(path.read_text(encoding="utf-8"))
        found = sorted(label for label in labels if label in text)
        assert not found, f"{path.name} spells out layout labels {found}: read them from zfxxgk.layout"
