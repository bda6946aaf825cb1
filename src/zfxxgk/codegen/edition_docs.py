"""The page that maps the cells of older editions to the newest one, from the generated layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_mapping_page(layout: dict[str, Any], path: Path) -> None:
    newest = layout["newest_edition"]
    lines = ["# Comparable cells across editions", "",
             f"Generated from the schema. For each cell of an older edition: the cell of the {newest} edition",
             "with the same meaning, or — when there is none. `zfxxgk convert --to-edition "
             f"{newest}` carries exactly these cells over and lists the others.", ""]
    for edition, data in layout["editions"].items():
        if edition == newest:
            continue
        carried = sum(1 for c in data["cells"] if c.get("comparable"))
        lines += [f"## {edition} → {newest}", "", f"{carried} of {len(data['cells'])} cells are comparable.", "",
                  f"| {edition} label | {edition} pointer | {newest} pointer |", "|---|---|---|"]
        for cell in data["cells"]:
            target = f"`{cell['comparable']}`" if cell.get("comparable") else "—"
            lines.append(f"| {' / '.join(cell['title_path'])} | `{cell['pointer']}` | {target} |")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
