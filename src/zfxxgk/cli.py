"""The ``zfxxgk`` command: validate, explain rules, parse published reports, render the layout, write
the Excel/WPS template. A thin layer over the library: ``zfxxgk.pipeline`` reads and validates,
``zfxxgk.cli_output`` prints; the document commands are in ``zfxxgk.cli_documents``."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from zfxxgk import __version__, cli_documents, limits
from zfxxgk.cli_common import (AgencyOption, Lang, LangOption, OutputFormat, YearOption, default_lang, exit_with, fail, language_of, stated_metadata)
from zfxxgk.cli_help import FlagHelpGroup
from zfxxgk.cli_output import Tally, json_bytes, print_result, print_summary
from zfxxgk.pipeline import Pipeline, ReportError
from zfxxgk.progress import batch_progress, count_in_background

__all__ = ["Lang", "OutputFormat", "app", "default_lang", "main"]

app = typer.Typer(
    help="zfxxgk — 政府信息公开工作年度报告 数据标准与工具 / data standard and tools for the PRC "
    "government information disclosure annual report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=FlagHelpGroup,
)


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

    language = language_of(lang)
    console = Console(highlight=False, soft_wrap=True, markup=False)
    errors = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    stated = stated_metadata(agency, year, errors)
    pipeline = Pipeline(stated=stated)
    try:
        prev_doc = pipeline.load_previous(previous) if previous else None
    except ReportError as exc:
        exit_with(exc, errors, language, "--previous: " if exc.result is None or not exc.result.usable else "--previous ")
    inputs = pipeline.inputs(paths)
    tally = Tally()
    collected: list[dict[str, Any]] = []
    progress = batch_progress(errors, "校验" if language == "zh" else "validating")
    with progress:
        task = progress.add_task("", total=None)
        count_in_background(progress, task, paths)
        shown = 0
        for result in pipeline.validate(inputs, prev_doc):
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
                    print_result(console, result, language, show_tables=show, every_table=bool(tables))
    tally.skipped = inputs.skipped
    if output_format is OutputFormat.json:
        sys.stdout.buffer.write(json_bytes({"results": collected, "summary": tally.to_dict()}, indent=True) + b"\n")
    elif output_format is OutputFormat.text and (tally.reports > 1 or tally.skipped):
        print_summary(console, tally, language)
    for mismatch in pipeline.mismatches:
        fail(errors, mismatch.describe(language))
    raise typer.Exit(2 if pipeline.mismatches else tally.exit_code(strict))


@app.command("rules")
def rules_command(
    query: Annotated[str | None, typer.Argument(metavar="[CODE|NAME]", help="A rule code such as E301 or a name such as blank-cell (or part of one); omit to list the catalog.")] = None,
    lang: LangOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text, json (one document) or jsonl (one rule a line).")] = OutputFormat.text,
) -> None:
    """List the rule catalog, or explain the rules a code or name gives."""
    from zfxxgk import rules_view

    language = language_of(lang)
    console = Console(highlight=False, markup=False)
    found = rules_view.find_rules(query) if query is not None else list(rules_view.catalog())
    if not found:
        fail(Console(stderr=True, soft_wrap=True), rules_view.unknown(query or "", language))
        raise typer.Exit(2)
    if output_format is not OutputFormat.text:
        rules_view.write_json(found, output_format.value, one=query is not None)
    elif query is None:
        rules_view.print_catalog(console, found, language)
    else:
        for r in found:
            rules_view.print_rule(console, r)


app.command()(cli_documents.parse)
app.command()(cli_documents.render)
app.command()(cli_documents.template)
app.command()(cli_documents.convert)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Uploads processed at once.")] = 2,
    queue: Annotated[int, typer.Option("--queue", min=0, help="Uploads waiting for a worker before 503.")] = 8,
) -> None:
    """Serve the HTTP API (/v1) and the web checker page; uploads are kept in memory only (docs/serve.md)."""
    try:
        from zfxxgk.serve import run
    except ImportError as exc:  # the web stack is an optional extra
        fail(Console(stderr=True), f"zfxxgk serve needs the 'serve' extra: pip install 'zfxxgk[serve]' ({exc})")
        raise typer.Exit(2) from None
    Console(stderr=True, highlight=False).print(f"zfxxgk {__version__}: http://{host}:{port}/ (API: /v1/docs)")
    run(host=host, port=port, workers=workers, queue=queue)


app.command("export")(__import__("zfxxgk.export.command", fromlist=["export"]).export)  # issue 12: dataset tables
app.add_typer(__import__("zfxxgk.corpus.command", fromlist=["app"]).app, name="corpus")  # issue 12: corpus


def main() -> None:
    app()


if __name__ == "__main__":
    main()
