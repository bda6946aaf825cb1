"""The ``zfxxgk`` command: validate, explain rules, parse published reports, render the layout, write
the Excel/WPS template."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zfxxgk import __version__, limits
from zfxxgk.cli_output import Tally, json_bytes, plural, print_result, print_summary
from zfxxgk.errors import InputError
from zfxxgk.inputs import Inputs, load_path
from zfxxgk.outputs import OutputError
from zfxxgk.catalog import catalog as rule_catalog
from zfxxgk.catalog import rule
from zfxxgk.validate.findings import Result
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


ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite output files that exist already.")]


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"zfxxgk {__version__}\n")
        raise typer.Exit(0)


def _limit(name: str) -> Any:
    limit = limits.LIMITS[name]
    default = limits.show(name, getattr(limits.Limits(), name))
    return typer.Option(limit.option, help=f"{limit.what_en[0].upper()}{limit.what_en[1:]} (default {default}; "
                        f"env {limit.env}). See docs/limits.md.", show_default=False)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_show_version,
                                          help="Print the version and exit.")] = False,
    max_input_size: Annotated[str | None, _limit("input_size")] = None,
    max_unpacked_size: Annotated[str | None, _limit("unpacked_size")] = None,
    max_zip_members: Annotated[str | None, _limit("zip_members")] = None,
    max_html_depth: Annotated[str | None, _limit("html_depth")] = None,
    max_yaml_nodes: Annotated[str | None, _limit("yaml_nodes")] = None,
    max_number_digits: Annotated[str | None, _limit("number_digits")] = None,
) -> None:
    """zfxxgk — 政府信息公开工作年度报告 数据标准与工具 / data standard and tools for the PRC government
    information disclosure annual report. Limits on inputs (options before the command, or environment
    variables) are listed in docs/limits.md."""
    given = {"input_size": max_input_size, "unpacked_size": max_unpacked_size, "zip_members": max_zip_members,
             "html_depth": max_html_depth, "yaml_nodes": max_yaml_nodes, "number_digits": max_number_digits}
    try:
        chosen = limits.Limits.from_env()
        values = {name: limits.parse_value(name, raw, limits.LIMITS[name].option)
                  for name, raw in given.items() if raw is not None}
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    limits.set_limits(dataclasses.replace(chosen, **values))


@functools.cache
def _validator() -> Any:
    """One validator per process: it holds only what it compiled, so commands run in-process (tests,
    notebooks) need not compile it again."""
    from zfxxgk.validate import Validator

    return Validator()


def _fail(console: Console, message: str) -> None:
    """One line in bold red, printed as it is: file names and hints may hold [brackets]."""
    console.print(Text(message, style="bold red"))


def unusable(loaded: Loaded) -> Result:
    """An input that could not be read becomes a result with one S001 finding."""
    exc = loaded.error
    assert exc is not None
    finding = rule("S001").finding(detail_zh=exc.describe("zh"), detail_en=exc.describe("en"))
    return Result(source=loaded.source, findings=[finding])


def _check(validator: Any, loaded: Loaded, previous: Any = None) -> Result:
    """The result for one readable document: the validator's findings, with what loading found
    (keys given twice, numbers too long, NaN) and what parsing could not decide."""
    from zfxxgk.validate.structure import problem_findings

    result = validator.validate(loaded.document, previous, source=loaded.source)
    if loaded.problems:
        # The value of each problem was left out (null): what the checks say of that null only repeats it.
        left_out = {pointer for pointer, _, _ in loaded.problems}
        kept = [f for f in result.findings if not (f.pointers and set(f.pointers) <= left_out)]
        result.findings[:] = [*problem_findings(loaded.problems), *kept]
    return with_parse_findings(result, loaded.parse)


def _results(inputs: Inputs, previous: Any, validator: Any, mismatches: list[str], lang: str) -> Any:
    for loaded in inputs:
        if loaded.error is not None:
            yield unusable(loaded)
            continue
        paired = previous
        if previous is not None and (why := pairing_problem(loaded.document, previous)) is not None:
            mismatches.append(f"{loaded.source}: {why[0] if lang == 'zh' else why[1]}")
            paired = None  # cross-year checks between unrelated reports would only mislead
        yield _check(validator, loaded, paired)


def pairing_problem(report: Any, previous: Any) -> tuple[str, str] | None:
    """(Chinese, English) saying why ``previous`` is not last year's report of the same agency as
    ``report`` (same 统一社会信用代码 when both give one, else the same agency name; the year before),
    or None when it is."""
    from zfxxgk.validate.typed import as_document

    now, before = as_document(report), as_document(previous)
    if not isinstance(now, dict) or not isinstance(before, dict):
        return None  # the structure findings say what is wrong
    zh: list[str] = []
    en: list[str] = []
    year, last = now.get("report_year"), before.get("report_year")
    if isinstance(year, int) and isinstance(last, int) and last != year - 1:
        zh.append(f"上年度报告应为 {year - 1} 年度，--previous 为 {last} 年度")
        en.append(f"last year's report should be for {year - 1}, --previous is for {last}")
    uscc, last_uscc = now.get("agency_uscc"), before.get("agency_uscc")
    if uscc and last_uscc:
        if uscc != last_uscc:
            zh.append(f"统一社会信用代码不同（{uscc} 与 {last_uscc}）")
            en.append(f"the agencies' USCC differ ({uscc} and {last_uscc})")
    else:
        name, last_name = now.get("agency_name"), before.get("agency_name")
        if isinstance(name, str) and isinstance(last_name, str) and "".join(name.split()) != "".join(last_name.split()):
            zh.append(f"机关名称不同（“{name}”与“{last_name}”）")
            en.append(f"the agency names differ ('{name}' and '{last_name}')")
    if not en:
        return None
    return ("--previous 不是本机关上一年度的报告：" + "；".join(zh) + "。未做跨年度核对",
            "--previous is not last year's report of the same agency: " + "; ".join(en) + ". Cross-year checks not run")


def _load_one(path: Path, validator: Any, console: Console, lang: str, what: str = "") -> Result:
    """The result for the one report at ``path``; exit 2 with a message when it is not one readable report."""
    loaded = list(load_path(path))
    if len(loaded) != 1 or loaded[0].error is not None:
        result = unusable(loaded[0]) if loaded and loaded[0].error else None
        one = "应为一份报告" if lang == "zh" else "one report expected"
        message = result.findings[0].message(lang) if result else f"{path}: {one}"
        _fail(console, what + message)
        raise typer.Exit(2)
    return _check(validator, loaded[0])


def _load_previous(path: Path, validator: Any, console: Console, lang: str) -> Any:
    check = _load_one(path, validator, console, lang, "--previous: ")
    if not check.valid:
        _fail(console, f"--previous {path}: " + ("上年度报告本身有错误：" if lang == "zh" else "last year's report has errors:"))
        print_result(console, check, lang, show_tables=False)
        raise typer.Exit(2)
    return check.report


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

    language = (lang or _default_lang()).value
    console = Console(highlight=False, soft_wrap=True, markup=False)
    errors = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    stated = _stated(agency, year, errors)
    validator = _validator()
    prev_doc = _load_previous(previous, validator, errors, language) if previous else None
    inputs = Inputs(paths, typed=True, stated=stated)
    mismatches: list[str] = []
    tally = Tally()
    collected: list[dict[str, Any]] = []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=errors, transient=True, disable=not sys.stderr.isatty())
    with progress:
        task = progress.add_task("validating", total=None)
        shown = 0
        for result in _results(inputs, prev_doc, validator, mismatches, language):
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
    for mismatch in mismatches:
        _fail(errors, mismatch)
    raise typer.Exit(2 if mismatches else tally.exit_code(strict))


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
    catalog = rule_catalog().rules
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
        _fail(Console(stderr=True), f"unknown rule {code}; known: {', '.join(catalog)}")
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
    from zfxxgk.importer import parse_bytes, parse_path
    from zfxxgk.importer.parse import EXTENSIONS
    from zfxxgk.inputs import STDIN, unexpected, walk

    language = (lang or _default_lang()).value
    console = Console(highlight=False, soft_wrap=True, markup=False)
    stated = _stated(agency, year, Console(stderr=True, highlight=False))
    try:
        outputs.make_folder(out)
    except OutputError as exc:
        _fail(console, exc.describe(language))
        raise typer.Exit(2) from None
    # Every input first, so that outputs get names distinct within the batch.
    items: list[str | InputError] = []
    skipped: list[str] = []
    for arg in files:
        path = Path(arg)
        if arg != "-" and path.is_dir():
            for entry in walk(path):
                if isinstance(entry, Loaded):
                    items.append(entry.error)  # type: ignore[arg-type]
                elif entry.suffix.lower() in EXTENSIONS:
                    items.append(str(entry))
                else:
                    skipped.append(str(entry))
        else:
            items.append(arg)
    if not items:
        _fail(console, "没有可解析的报告" if language == "zh" else "no report to parse in what was given")
        raise typer.Exit(2)
    names = iter(outputs.distinct_names([i for i in items if isinstance(i, str)]))
    failed = parsed = 0
    for item in items:
        if isinstance(item, InputError):
            failed += 1
            _fail(console, item.describe(language))
            continue
        name = next(names)
        source = STDIN if item == "-" else item
        targets = (out / f"{name}.json", out / f"{name}.parse-log.json")
        try:
            for target in targets:
                outputs.check_target(target, force)
            if item == "-":
                data = _stdin_bytes()
                result = parse_bytes(data, STDIN, None, stated)
            else:
                result = parse_path(item, stated)
            outputs.write(targets[0], json_bytes(result.report, indent=True) + b"\n", force)
            outputs.write(targets[1], json_bytes(result.to_log_dict(), indent=True) + b"\n", force)
        except InputError as exc:
            failed += 1
            _fail(console, exc.describe(language))
            continue
        except Exception as exc:  # a reader's bug: name the file, go on with the batch  # noqa: BLE001
            failed += 1
            _fail(console, unexpected(source, exc).describe(language))
            continue
        parsed += 1
        kinds: dict[str, int] = {}
        for entry in result.log:
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "clean"
        flag = " (ambiguous cells left null)" if result.ambiguous else ""
        console.print(Text(f"{source} -> {targets[0]}: {summary}{flag}"))
    for entry in skipped:
        console.print(Text(f"{'跳过（非报告格式）' if language == 'zh' else 'skipped (not a report format)'}: {entry}", style="dim"))
    if len(items) > 1 or skipped:
        total = len(items)
        console.print(Text(f"已解析 {parsed} / {total}，失败 {failed}" if language == "zh"
                           else f"parsed {parsed} of {plural(total, 'input')}; {failed} failed"))
    raise typer.Exit(2 if failed else 0)


def _stdin_bytes() -> bytes:
    from zfxxgk.inputs import STDIN, read_stream

    return read_stream(sys.stdin.buffer, STDIN)


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
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout; required for docx and xlsx). Its folder is created if missing.")] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Render a report in the official layout.

    Exit status: 0 written, 2 the report or the output file cannot be used (a message says why).
    """
    from zfxxgk import outputs
    from zfxxgk.render import render as render_report

    language = (lang or _default_lang()).value
    errors = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    if to.value in ("docx", "xlsx") and output is None:
        _fail(errors, f"--to {to.value} 需要 -o 文件" if language == "zh" else f"--to {to.value} needs -o FILE")
        raise typer.Exit(2)
    _check_output(output, force, errors, language)
    check = _load_one(report, _validator(), errors, language)
    if any(f.code == "S002" for f in check.findings):
        print_result(errors, check, language, show_tables=False)
        raise typer.Exit(2)
    try:
        content = render_report(check.document, to.value)  # type: ignore[arg-type]
    except (ImportError, ValueError) as exc:  # a library missing (the message says what to install), or a
        _fail(errors, f"{report}: {exc}")  # value the format cannot hold (RenderError)
        raise typer.Exit(2) from None
    if output is None:
        sys.stdout.write(content)  # type: ignore[arg-type]
        return
    _write(output, content if isinstance(content, bytes) else content.encode("utf-8"), force, errors, language)


def _check_output(output: Path | None, force: bool, errors: Console, language: str) -> None:
    """Refuse an output that cannot be written before any work is done."""
    from zfxxgk import outputs

    if output is None:
        return
    try:
        outputs.check_target(output, force)
    except OutputError as exc:
        _fail(errors, exc.describe(language))
        raise typer.Exit(2) from None


def _write(output: Path, content: bytes, force: bool, errors: Console, language: str) -> None:
    from zfxxgk import outputs

    try:
        outputs.write(output, content, force)
    except OutputError as exc:
        _fail(errors, exc.describe(language))
        raise typer.Exit(2) from None


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

    language = (lang or _default_lang()).value
    errors = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
    if to_edition != newest_edition():
        _fail(errors, f"--to-edition: only {newest_edition()} is a target")
        raise typer.Exit(2)
    if output is not None and notes is not None and output.absolute() == notes.absolute():
        _fail(errors, "-o 与 --notes 不能是同一个文件" if language == "zh" else "-o and --notes cannot be the same file")
        raise typer.Exit(2)
    _check_output(output, force, errors, language)
    _check_output(notes, force, errors, language)
    check = _load_one(report, _validator(), errors, language)
    if any(f.code == "S002" for f in check.findings):
        print_result(errors, check, language, show_tables=False)
        raise typer.Exit(2)
    result = convert_report(check.document, to_edition)  # type: ignore[arg-type]
    text = json_bytes(result.report, indent=True) + b"\n"
    if output:
        _write(output, text, force, errors, language)
    else:
        sys.stdout.buffer.write(text)
    if notes:
        _write(notes, json_bytes(result.to_notes(), indent=True) + b"\n", force, errors, language)
    zh = language == "zh"
    errors.print(
        (f"已转换 {len(result.carried)} 个单元格；{len(result.not_carried)} 个无法对应（未转换），"
         f"目标版式中 {len(result.unfilled)} 个单元格为空（null）")
        if zh else
        (f"carried {plural(len(result.carried), 'cell')}; {len(result.not_carried)} have no counterpart (not carried); "
         f"{plural(len(result.unfilled), 'cell')} of the target are null"))
    for cell in result.not_carried:
        errors.print(Text(f"  {'未转换' if zh else 'not carried'}: {cell['label']} = {cell['value']}{cell.get('unit', '')}", style="dim"))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
