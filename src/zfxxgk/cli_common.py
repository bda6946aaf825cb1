"""What the commands of ``zfxxgk`` share: languages, output formats, common options, and the
way a command fails (one line in bold red, exit 2)."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from zfxxgk.outputs import OutputError

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated
    from zfxxgk.pipeline import ReportError


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def default_lang() -> Lang:
    env = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return Lang.zh if env.startswith("zh") else Lang.en


LangOption = Annotated[Lang | None, typer.Option("--lang", help="Language of messages: zh or en (default: from LANG).")]
AgencyOption = Annotated[str | None, typer.Option(
    "--agency", help="机关名称 of published reports that do not print it (wins over what is read; logged).")]
YearOption = Annotated[int | None, typer.Option(
    "--year", help="报告年度 of published reports that do not print it (wins over what is read; logged).")]


def stated_metadata(agency: str | None, year: int | None, errors: Console) -> Stated | None:
    """The metadata stated with --agency and --year, checked against the schema's bounds."""
    from zfxxgk.importer.metadata import Stated
    from zfxxgk.resources import json_schema

    if agency is not None and not agency.strip():
        errors.print("--agency: an agency name is needed (机关名称不能为空)", style="bold red")
        raise typer.Exit(2)
    bounds = json_schema()["$defs"]["Report"]["properties"]["report_year"]
    if year is not None and not bounds["minimum"] <= year <= bounds["maximum"]:
        errors.print(f"--year: {year} is not a report year ({bounds['minimum']}–{bounds['maximum']}; "
                     f"报告年度应在 {bounds['minimum']}–{bounds['maximum']} 之间)", style="bold red")
        raise typer.Exit(2)
    return Stated(agency.strip() if agency else None, year) if agency or year is not None else None


ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite output files that exist already.")]


def fail(console: Console, message: str) -> None:
    """One line in bold red, printed as it is: file names and hints may hold [brackets]."""
    console.print(Text(message, style="bold red"))


def errors_console() -> Console:
    return Console(stderr=True, highlight=False, markup=False, soft_wrap=True)


def check_output(output: Path | None, force: bool, errors: Console, language: str) -> None:
    """Refuse an output that cannot be written before any work is done."""
    from zfxxgk import outputs

    if output is None:
        return
    try:
        outputs.check_target(output, force)
    except OutputError as exc:
        fail(errors, exc.describe(language))
        raise typer.Exit(2) from None


def write(output: Path, content: bytes, force: bool, errors: Console, language: str) -> None:
    from zfxxgk import outputs

    try:
        outputs.write(output, content, force)
    except OutputError as exc:
        fail(errors, exc.describe(language))
        raise typer.Exit(2) from None




def language_of(lang: Lang | None) -> str:
    return (lang or default_lang()).value


def exit_with(exc: ReportError, errors: Console, language: str, prefix: str = "") -> NoReturn:
    """Say why a report could not be used (the message, or its findings) and exit 2."""
    from zfxxgk.cli_output import print_result

    result = exc.result
    if result is None or not result.usable:
        fail(errors, prefix + exc.describe(language))
    else:
        if prefix:
            fail(errors, prefix + exc.describe(language))
        print_result(errors, result, language, show_tables=False)
    raise typer.Exit(2)
