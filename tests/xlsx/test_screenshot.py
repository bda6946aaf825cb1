"""The picture in the docs is what a spreadsheet program shows: a total typed wrong turns red."""

from __future__ import annotations

from pathlib import Path

from tests.xlsx.libreoffice import needs_libreoffice
from tests.xlsx.screenshot import broken_example, screenshot

RED_FILL = (255, 199, 206)  # the conditional format of a failing identity (FFC7CE)


@needs_libreoffice
def test_a_broken_total_prints_red_with_its_message(tmp_path: Path) -> None:
    from PIL import Image

    png = screenshot(broken_example(), tmp_path / "shot.png", tmp_path)
    image = Image.open(png).convert("RGB")
    width, height = image.size
    colours = image.getcolors(maxcolors=width * height)
    red = sum(count for count, colour in colours if colour == RED_FILL)
    assert red > 0.01 * width * height  # the row and the column of the broken total
    # The message runs on to the right of the table, in the dark red of the messages (C00000).
    right = image.crop((int(width * 0.72), 0, width, height))
    assert any(r > 150 and g < 60 and b < 60 for _, (r, g, b) in right.getcolors(maxcolors=width * height))
