"""The ``zfxxgk`` command: validate, explain rules, parse published reports, render the layout, write
the Excel/WPS template."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zfxxgk.cli_output import Tally, json_bytes, print_result, print_summary
from zfxxgk.errors import InputError
from zfxxgk.inputs import Inputs, load_path
from zfxxgk.validate.catalog import rule, rules
from zfxxgk.validate.findings import Finding, Result
from zfxxgk.validate.loading import Loaded
from zfxxgk.validate.parse_findings import with_parse_findings

if TYPE_CHECKING:
    from zfxxgk.importer.metadata import Stated

app = typer.Typer(
    help="zfxxgk — 政府信息公开工作年度报告 数据标准与工具 / data standard and tools for the PRC "
    "government information disclosure annual report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _default_lang() -> Lang:
    env = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return Lang.zh if env.startswith("zh") else Lang.en


LangOption = Annotated[Lang | None, typer.Option("--lang", help="Language of messages: zh or en (default: from LANG).")]
AgencyOption = Annotated[str | None, typer.Option(
    "--agency", help="机关名称 of published reports that do not print it (wins over what is read; logged).")]
YearOption = Annotated[int | None, typer.Option(
    "--year", help="报告年度 of published reports that do not print it (wins over what is read; logged).")]


def _stated(agency: str | None, year: int | None, errors: Console) -> Stated | None:
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


def unusable(loaded: Loaded) -> Result:
    """An input that could not be read becomes a result with one S001 finding."""
    exc = loaded.error
    assert exc is not None
    r = rule("S001")
    finding = Finding(code=r.code, name=r.name, severity=r.severity,
                      message_zh=r.message_zh.format(detail=exc.describe("zh")),
                      message_en=r.message_en.format(detail=exc.describe("en")))
    return Result(source=loaded.source, findings=[finding])


def _results(inputs: Inputs, previous: Any, validator: Any) -> Any:
    for loaded in inputs:
        if loaded.error is not None:
            yield unusable(loaded)
            continue
        result = validator.validate(loaded.document, previous, source=loaded.source)
        yield with_parse_findings(result, loaded.parse)


def _load_previous(path: Path, validator: Any, console: Console, lang: str) -> Any:
    loaded = list(load_path(path))
    if len(loaded) != 1 or loaded[0].error is not None:
        result = unusable(loaded[0]) if loaded and loaded[0].error else None
        message = result.findings[0].message(lang) if result else f"{path}: one report expected"
        console.print(f"--previous: {message}", style="bold red")
        raise typer.Exit(2)
    previous = loaded[0].document
    check = validator.validate(previous, source=str(path))
    if not check.valid:
        console.print(f"--previous {path}: " + ("上年度报告本身有错误：" if lang == "zh" else "last year's report has errors:"),
                      style="bold red")
        print_result(console, check, lang, show_tables=False)
        raise typer.Exit(2)
    return previous


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSON Lines files, or - for stdin.")],
    previous: Annotated[Path | None, typer.Option("--previous", help="Last year's report of the same agency, for the cross-year checks.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text, json (one document) or jsonl (one line per report).")] = OutputFormat.text,
    lang: LangOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    tables: Annotated[bool | None, typer.Option("--tables/--no-tables", help="Show the tables with the bad cells marked (default: when few reports).")] = None,
    agency: AgencyOption = None,
    year: YearOption = None,
) -> None:
    """Validate reports: structure, every identity (勾稽关系), plausibility, cross-year.

    Exit status: 0 valid, 1 findings (errors; with --strict also warnings), 2 unusable input or usage.
    """
    from zfxxgk.validate import Validator

    language = (lang or _default_lang()).value
    console = Console(highlight=False, soft_wrap=True)
    errors = Console(stderr=True, highlight=False)
    stated = _stated(agency, year, errors)
    validator = Validator()
    prev_doc = _load_previous(previous, validator, errors, language) if previous else None
    inputs = Inputs(paths, typed=True, stated=stated)
    tally = Tally()
    collected: list[dict[str, Any]] = []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=errors, transient=True, disable=not sys.stderr.isatty())
    with progress:
        task = progress.add_task("validating", total=None)
        shown = 0
        for result in _results(inputs, prev_doc, validator):
            tally.add(result)
            progress.advance(task)
            if output_format is OutputFormat.jsonl:
                sys.stdout.buffer.write(json_bytes(result.to_dict()) + b"\n")
            elif output_format is OutputFormat.json:
                collected.append(result.to_dict())
            else:
                shown += 1
                show = tables if tables is not None else shown <= 5
                if result.findings or len(paths) == 1:
                    print_result(console, result, language, show_tables=show)
    tally.skipped = inputs.skipped
    if output_format is OutputFormat.json:
        sys.stdout.buffer.write(json_bytes({"results": collected, "summary": tally.to_dict()}, indent=True) + b"\n")
    elif output_format is OutputFormat.text and (tally.reports > 1 or tally.skipped):
        print_summary(console, tally, language)
    raise typer.Exit(tally.exit_code(strict))


@app.command("rules")
def rules_command(
    code: Annotated[str | None, typer.Argument(help="A rule code such as E301; omit to list the catalog.")] = None,
    lang: LangOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
) -> None:
    """List the rule catalog, or explain one rule."""
    from rich.table import Table

    language = (lang or _default_lang()).value
    console = Console(highlight=False, soft_wrap=True)
    catalog = rules()
    if code is None:
        if output_format is not OutputFormat.text:
            sys.stdout.buffer.write(json_bytes([r.data for r in catalog.values()], indent=True) + b"\n")
            return
        table = Table("code", "name", "severity", "source", "title")
        for r in catalog.values():
            table.add_row(r.code, r.name, r.severity, r.source, r.title_zh if language == "zh" else r.title_en)
        console.print(table)
        return
    r = catalog.get(code.upper())
    if r is None:
        Console(stderr=True).print(f"unknown rule {code}; known: {', '.join(catalog)}", style="bold red")
        raise typer.Exit(2)
    if output_format is not OutputFormat.text:
        sys.stdout.buffer.write(json_bytes(r.data, indent=True) + b"\n")
        return
    console.print(f"[bold]{r.code} {r.name}[/bold]  ({r.severity}, {r.kind}, {r.source})")
    console.print(f"{r.title_zh}\n{r.title_en}\n")
    console.print(r.description + "\n")
    console.print(f"message (zh): {r.message_zh}\nmessage (en): {r.message_en}")
    instances = r.data.get("instances", [])
    for edition in r.data["editions"]:
        here = [i for i in instances if i["edition"] == edition]
        if not here:
            continue
        console.print(f"\nedition {edition}: {len(here)} instances, e.g.:")
        for inst in here[:3]:
            lhs = " + ".join(t["pointer"] for t in inst["lhs"])
            rhs = " + ".join(("-" if t["weight"] < 0 else "") + ("previous:" if t["document"] == "previous" else "") + t["pointer"] for t in inst["rhs"])
            console.print(f"  [{inst['label_zh']}] {lhs} = {rhs}")
    console.print(f"\ndocs: docs/rules/{r.code}.md")


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Published reports: .txt, .md, .html, .docx, .pdf, .xlsx; .doc, .wps, .rtf, .odt with LibreOffice.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for <name>.json and <name>.parse-log.json.")],
    lang: LangOption = None,
    agency: AgencyOption = None,
    year: YearOption = None,
) -> None:
    """Parse published reports into standard JSON, with a log of every repair and inference."""
    from zfxxgk.importer import parse_path

    language = (lang or _default_lang()).value
    console = Console(highlight=False, soft_wrap=True)
    stated = _stated(agency, year, Console(stderr=True, highlight=False))
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in files:
        try:
            result = parse_path(file, stated)
        except InputError as exc:
            failed += 1
            console.print(exc.describe(language), style="bold red")
            continue
        target = out / f"{file.stem}.json"
        target.write_bytes(json_bytes(result.report, indent=True) + b"\n")
        (out / f"{file.stem}.parse-log.json").write_bytes(
            json_bytes(result.to_log_dict(), indent=True) + b"\n")
        kinds: dict[str, int] = {}
        for entry in result.log:
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "clean"
        flag = " (ambiguous cells left null)" if result.ambiguous else ""
        console.print(f"{file} -> {target}: {summary}{flag}")
    raise typer.Exit(2 if failed else 0)


class RenderFormat(str, Enum):
    html = "html"
    md = "md"
    txt = "txt"
    docx = "docx"
    xlsx = "xlsx"


@app.command()
def render(
    report: Annotated[Path, typer.Argument(help="A standard instance (.json or .yaml).")],
    to: Annotated[RenderFormat, typer.Option("--to", help="html, md, txt, docx or xlsx (the template, filled).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout; required for docx and xlsx).")] = None,
    lang: LangOption = None,
) -> None:
    """Render a report in the official layout."""
    from zfxxgk.render import render as render_report
    from zfxxgk.validate import Validator

    language = (lang or _default_lang()).value
    errors = Console(stderr=True, highlight=False)
    loaded = list(load_path(report))
    if len(loaded) != 1 or loaded[0].error is not None:
        errors.print(unusable(loaded[0]).findings[0].message(language) if loaded and loaded[0].error else f"{report}: one report expected", style="bold red")
        raise typer.Exit(2)
    check = Validator().validate(loaded[0].document, source=str(report))
    structural = [f for f in check.findings if f.code == "S002"]
    if structural:
        print_result(errors, check, language, show_tables=False)
        raise typer.Exit(2)
    if to.value in ("docx", "xlsx") and output is None:
        errors.print(f"--to {to.value} needs -o FILE", style="bold red")
        raise typer.Exit(2)
    try:
        content = render_report(loaded[0].document, to.value)
    except (ImportError, ValueError) as exc:  # a library missing (the message says what to install), or a
        errors.print(f"{report}: {exc}", style="bold red")  # value the format cannot hold (RenderError)
        raise typer.Exit(2) from None
    if output is None:
        sys.stdout.write(content)  # type: ignore[arg-type]
    elif isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8")


@app.command()
def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="The workbook to write (.xlsx).")],
    edition: Annotated[str, typer.Option("--edition", help="Edition of the official layout: 2021 or 2019.")] = "2021",
    lang: LangOption = None,
) -> None:
    """Write the Excel/WPS template of an edition: the three tables with live checks (勾稽关系)."""
    from zfxxgk.layout import EDITIONS

    language = (lang or _default_lang()).value
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


@app.command()
def convert(
    report: Annotated[Path, typer.Argument(help="A standard instance of an older edition (.json or .yaml).")],
    to_edition: Annotated[str, typer.Option("--to-edition", help="Target edition (the newest, 2021).")] = "2021",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Converted report (default: stdout).")] = None,
    notes: Annotated[Path | None, typer.Option("--notes", help="Write what was carried over and what was not, as JSON.")] = None,
    lang: LangOption = None,
) -> None:
    """Convert the comparable part of a report to another edition, marking what cannot be carried over."""
    from zfxxgk.editions import convert as convert_report
    from zfxxgk.editions import newest_edition
    from zfxxgk.validate import Validator

    language = (lang or _default_lang()).value
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    if to_edition != newest_edition():
        errors.print(f"--to-edition: only {newest_edition()} is a target", style="bold red")
        raise typer.Exit(2)
    loaded = list(load_path(report))
    if len(loaded) != 1 or loaded[0].error is not None:
        errors.print(unusable(loaded[0]).findings[0].message(language) if loaded and loaded[0].error else f"{report}: one report expected", style="bold red")
        raise typer.Exit(2)
    check = Validator().validate(loaded[0].document, source=str(report))
    if any(f.code == "S002" for f in check.findings):
        print_result(errors, check, language, show_tables=False)
        raise typer.Exit(2)
    result = convert_report(loaded[0].document, to_edition)
    text = json_bytes(result.report, indent=True) + b"\n"
    if output:
        output.write_bytes(text)
    else:
        sys.stdout.buffer.write(text)
    if notes:
        notes.write_bytes(json_bytes(result.to_notes(), indent=True) + b"\n")
    zh = language == "zh"
    errors.print(
        (f"已转换 {len(result.carried)} 个单元格；{len(result.not_carried)} 个无法对应（未转换），"
         f"目标版式中 {len(result.unfilled)} 个单元格为空（null）")
        if zh else
        (f"carried {len(result.carried)} cells; {len(result.not_carried)} have no counterpart (not carried); "
         f"{len(result.unfilled)} cells of the target are null"))
    for cell in result.not_carried:
        errors.print(f"  {'未转换' if zh else 'not carried'}: {cell['label']} = {cell['value']}{cell.get('unit', '')}", style="dim")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
