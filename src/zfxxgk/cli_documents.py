"""The commands that read and write documents: ``parse`` (published reports to standard JSON),
``render`` (a report in the official layout), ``convert`` (to another edition) and ``template``
(the Excel/WPS workbook). Registered on the app by ``zfxxgk.cli``."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from zfxxgk.cli_common import (AgencyOption, ForceOption, LangOption, YearOption, check_output, errors_console,
                               exit_with, fail, language_of, stated_metadata, write)
from zfxxgk.cli_output import json_bytes, plural
from zfxxgk.errors import InputError
from zfxxgk.outputs import OutputError
from zfxxgk.pipeline import Pipeline, ReportError
from zfxxgk.loading import Loaded
from zfxxgk.progress import tracked

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated


def parse(
    files: Annotated[list[str], typer.Argument(help="Published reports (.txt, .md, .html, .docx, .pdf, .xlsx; .doc, .wps, .rtf, .odt with LibreOffice), folders of them, or - for stdin.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for <name>.json and <name>.parse-log.json (created if missing).")],
    force: ForceOption = False,
    lang: LangOption = None,
    agency: AgencyOption = None,
    year: YearOption = None,
) -> None:
    """Parse published reports into standard JSON, with a log of every repair and inference.

    Exit status: 0 every input parsed, 2 some could not be (each is named, the others are still written).
    """
    from zfxxgk import outputs

    language = language_of(lang)
    console = Console(highlight=False, soft_wrap=True, markup=False)
    stated = stated_metadata(agency, year, Console(stderr=True, highlight=False))
    try:
        outputs.make_folder(out)
    except OutputError as exc:
        fail(console, exc.describe(language))
        raise typer.Exit(2) from None
    # Every input first, so that outputs get names distinct within the batch.
    items, skipped = _parse_inputs(files)
    if not items:
        fail(console, "没有可解析的报告" if language == "zh" else "no report to parse in what was given")
        raise typer.Exit(2)
    names = iter(outputs.distinct_names([i for i in items if isinstance(i, str)]))
    failed = 0
    for item in tracked(items, Console(stderr=True), "解析" if language == "zh" else "parsing"):
        if isinstance(item, InputError):
            failed += 1
            fail(console, item.describe(language))
            continue
        line = _parse_one(item, out / next(names), stated, force, language)
        failed += line.style == "bold red"
        console.print(line)
    for entry in skipped:
        console.print(Text(f"{'跳过（非报告格式）' if language == 'zh' else 'skipped (not a report format)'}: {entry}", style="dim"))
    if len(items) > 1 or skipped:
        total, parsed = len(items), len(items) - failed
        console.print(Text(f"已解析 {parsed} / {total}，失败 {failed}" if language == "zh"
                           else f"parsed {parsed} of {plural(total, 'input')}; {failed} failed"))
    raise typer.Exit(2 if failed else 0)


def _parse_inputs(files: list[str]) -> tuple[list[str | InputError], list[str]]:
    """The documents to parse (paths, ``-``, or why a file in a folder cannot be read) and the files
    in folders passed over as not of a report format."""
    from zfxxgk.importer.parse import EXTENSIONS
    from zfxxgk.inputs import walk

    items: list[str | InputError] = []
    skipped: list[str] = []
    for arg in files:
        path = Path(arg)
        if arg == "-" or not path.is_dir():
            items.append(arg)
            continue
        for entry in walk(path):
            if isinstance(entry, Loaded):
                items.append(entry.error)  # type: ignore[arg-type]
            elif entry.suffix.lower() in EXTENSIONS:
                items.append(str(entry))
            else:
                skipped.append(str(entry))
    return items, skipped


def _parse_one(item: str, stem: Path, stated: Stated | None, force: bool, language: str) -> Text:
    """Parse one document into ``stem``.json and ``stem``.parse-log.json: the line that says what
    happened (in bold red when it failed)."""
    from zfxxgk import outputs
    from zfxxgk.importer import parse_bytes, parse_path
    from zfxxgk.inputs import STDIN, unexpected

    source = STDIN if item == "-" else item
    targets = (stem.with_name(stem.name + ".json"), stem.with_name(stem.name + ".parse-log.json"))
    try:
        for target in targets:
            outputs.check_target(target, force)
        result = parse_bytes(_stdin_bytes(), STDIN, None, stated) if item == "-" else parse_path(item, stated)
        outputs.write(targets[0], json_bytes(result.report, indent=True) + b"\n", force)
        outputs.write(targets[1], json_bytes(result.to_log_dict(), indent=True) + b"\n", force)
    except InputError as exc:
        return Text(exc.describe(language), style="bold red")
    except Exception as exc:  # a reader's bug: name the file, go on with the batch  # noqa: BLE001
        return Text(unexpected(source, exc).describe(language), style="bold red")
    kinds: dict[str, int] = {}
    for entry in result.log:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "clean"
    flag = " (ambiguous cells left null)" if result.ambiguous else ""
    return Text(f"{source} -> {targets[0]}: {summary}{flag}")


def _stdin_bytes() -> bytes:
    from zfxxgk.inputs import STDIN, read_stream

    return read_stream(sys.stdin.buffer, STDIN)


class RenderFormat(str, Enum):
    html = "html"
    md = "md"
    txt = "txt"
    docx = "docx"
    xlsx = "xlsx"


def render(
    report: Annotated[Path, typer.Argument(help="A standard instance (.json or .yaml).")],
    to: Annotated[RenderFormat, typer.Option("--to", help="html, md, txt, docx or xlsx (the template, filled).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout; required for docx and xlsx). Its folder is created if missing.")] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Render a report in the official layout.

    Exit status: 0 written, 2 the report or the output file cannot be used (a message says why).
    """
    from zfxxgk.render import render as render_report

    language = language_of(lang)
    errors = errors_console()
    if to.value in ("docx", "xlsx") and output is None:
        fail(errors, f"--to {to.value} 需要 -o 文件" if language == "zh" else f"--to {to.value} needs -o FILE")
        raise typer.Exit(2)
    check_output(output, force, errors, language)
    try:
        check = Pipeline().load_report(report)
    except ReportError as exc:
        exit_with(exc, errors, language)
    try:
        content = render_report(check.document, to.value)  # type: ignore[arg-type]
    except (ImportError, ValueError) as exc:  # a library missing (the message says what to install), or a
        fail(errors, f"{report}: {exc}")  # value the format cannot hold (RenderError)
        raise typer.Exit(2) from None
    if output is None:
        sys.stdout.write(content)  # type: ignore[arg-type]
        return
    write(output, content if isinstance(content, bytes) else content.encode("utf-8"), force, errors, language)


def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="The workbook to write (.xlsx).")],
    edition: Annotated[str, typer.Option("--edition", help="Edition of the official layout: 2021 or 2019.")] = "2021",
    lang: LangOption = None,
) -> None:
    """Write the Excel/WPS template of an edition: the three tables with live checks (勾稽关系)."""
    from zfxxgk.layout import EDITIONS

    language = language_of(lang)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    if edition not in EDITIONS:
        errors.print(f"--edition: {edition!r} is not an edition ({', '.join(EDITIONS)})", style="bold red")
        raise typer.Exit(2)
    try:
        from zfxxgk.xlsx.template import write_workbook

        data = write_workbook(edition)
    except ImportError as exc:
        errors.print(str(exc), style="bold red")
        raise typer.Exit(2) from None
    try:
        output.write_bytes(data)
    except OSError as exc:
        errors.print(f"{output}: {'无法写入' if language == 'zh' else 'cannot write'} ({exc.strerror or exc})",
                     style="bold red")
        raise typer.Exit(2) from None
    errors.print(f"{output}: {'已写入' if language == 'zh' else 'written'} ({edition})")


def convert(
    report: Annotated[Path, typer.Argument(help="A standard instance of an older edition (.json or .yaml).")],
    to_edition: Annotated[str, typer.Option("--to-edition", help="Target edition (the newest, 2021).")] = "2021",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Converted report (default: stdout). Its folder is created if missing.")] = None,
    notes: Annotated[Path | None, typer.Option("--notes", help="Write what was carried over and what was not, as JSON.")] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Convert the comparable part of a report to another edition, marking what cannot be carried over.

    Exit status: 0 converted, 2 the report or an output file cannot be used (a message says why).
    """
    from zfxxgk.editions import convert as convert_report
    from zfxxgk.editions import newest_edition

    language = language_of(lang)
    errors = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
    if to_edition != newest_edition():
        fail(errors, f"--to-edition: only {newest_edition()} is a target")
        raise typer.Exit(2)
    if output is not None and notes is not None and output.absolute() == notes.absolute():
        fail(errors, "-o 与 --notes 不能是同一个文件" if language == "zh" else "-o and --notes cannot be the same file")
        raise typer.Exit(2)
    check_output(output, force, errors, language)
    check_output(notes, force, errors, language)
    try:
        check = Pipeline().load_report(report)
    except ReportError as exc:
        exit_with(exc, errors, language)
    result = convert_report(check.document, to_edition)  # type: ignore[arg-type]
    text = json_bytes(result.report, indent=True) + b"\n"
    if output:
        write(output, text, force, errors, language)
    else:
        sys.stdout.buffer.write(text)
    if notes:
        write(notes, json_bytes(result.to_notes(), indent=True) + b"\n", force, errors, language)
    zh = language == "zh"
    errors.print(
        (f"已转换 {len(result.carried)} 个单元格；{len(result.not_carried)} 个无法对应（未转换），"
         f"目标版式中 {len(result.unfilled)} 个单元格为空（null）")
        if zh else
        (f"carried {plural(len(result.carried), 'cell')}; {len(result.not_carried)} have no counterpart (not carried); "
         f"{plural(len(result.unfilled), 'cell')} of the target are null"))
    for cell in result.not_carried:
        errors.print(Text(f"  {'未转换' if zh else 'not carried'}: {cell['label']} = {cell['value']}{cell.get('unit', '')}", style="dim"))


