"""Fuzzing the readers through the command line: byte- and structure-level mutations of the examples
and of rendered documents (txt, md, html, docx, pdf, yaml) through ``validate`` and ``parse``.

Whatever the bytes, the command ends with exit 0, 1 or 2, never with a traceback, and an unusable
input is named in its message. A few hostile mutations also run in a subprocess under an
address-space cap, to show the memory stays bounded. ZFXXGK_FUZZ_SCALE multiplies the number of
cases (bench/fuzz_bench.py runs far more, without hypothesis's shrinking).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, INVALID, VALID
from zfxxgk import limits
from zfxxgk.cli import app
from zfxxgk.limits import Limits
from zfxxgk.testing.bounded import run_bounded
from zfxxgk.testing.mutate import mutate_bytes, mutate_document, mutate_docx

RUNNER = CliRunner()
SCALE = float(os.environ.get("ZFXXGK_FUZZ_SCALE", "1"))
SAMPLE = EXAMPLES / "valid" / "jiyuan-sfj-2021.json"
_counter = itertools.count()


def cases(n: int) -> settings:
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", autouse=True)
def _one_command() -> None:
    """typer builds the click command again on every invoke (50 ms): build it once for thousands."""
    import functools

    import typer.testing

    original = typer.testing._get_command
    typer.testing._get_command = functools.cache(original)
    yield
    typer.testing._get_command = original


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def documents(work: Path) -> dict[str, bytes]:
    """The sample report rendered in every format the importer reads, and as YAML."""
    from zfxxgk.render import render

    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    seeds = {fmt: (lambda c: c if isinstance(c, bytes) else c.encode("utf-8"))(render(report, fmt))
             for fmt in ("txt", "md", "html", "docx")}
    seeds["published.txt"] = (EXAMPLES / "jiyuan-sfj-2021.txt").read_bytes()
    seeds["yaml"] = yaml.safe_dump(report, allow_unicode=True, sort_keys=False).encode("utf-8")
    seeds["pdf"] = _pdf(seeds["txt"].decode("utf-8"))
    return seeds


def _pdf(text: str) -> bytes:
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=9, leading=12)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph(escape(line).replace("\t", "&nbsp;&nbsp;&nbsp;") or "&nbsp;", style) for line in text.splitlines()[:120]])
    return buffer.getvalue()


def check(args: list[str], named: str | None, stdin: bytes | None = None) -> int:
    """Run the command in-process: exit 0, 1 or 2, no exception, and an unusable input named."""
    limits.set_limits(Limits())
    result = RUNNER.invoke(app, args, input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output
    if result.exit_code == 2 and named is not None:
        assert named in result.output, (args, result.output[-2000:])
    return result.exit_code


def place(work: Path, data: bytes, suffix: str) -> Path:
    path = work / f"case{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


SEEDS = [p for p in [*VALID, *INVALID] if p.suffix == ".json"]


@cases(800)
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False),
       suffix=st.sampled_from([".json", ".jsonl", ".yaml"]))
def test_json_bytes(work: Path, seed: Path, rng: random.Random, suffix: str) -> None:
    data = mutate_bytes(seed.read_bytes() if suffix != ".jsonl" else seed.read_bytes().replace(b"\n", b"") * 2, rng)
    path = place(work, data, suffix)
    check(["validate", str(path), "--lang", "en", "--no-tables"], path.name)


@cases(800)
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False))
def test_json_structure(work: Path, seed: Path, rng: random.Random) -> None:
    data = mutate_document(json.loads(seed.read_text(encoding="utf-8")), rng)
    path = place(work, data, ".json")
    check(["validate", str(path), "--format", "json"], path.name)


@cases(200)
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False))
def test_stdin(seed: Path, rng: random.Random) -> None:
    check(["validate", "-", "--format", "jsonl"], "<stdin>", stdin=mutate_bytes(seed.read_bytes(), rng))


@cases(200)
@given(rng=st.randoms(use_true_random=False))
def test_yaml(work: Path, documents: dict[str, bytes], rng: random.Random) -> None:
    path = place(work, mutate_bytes(documents["yaml"], rng), ".yaml")
    check(["validate", str(path), "--lang", "en", "--no-tables"], path.name)


@cases(600)
@given(fmt=st.sampled_from(["txt", "md", "html", "published.txt"]), rng=st.randoms(use_true_random=False),
       command=st.sampled_from(["validate", "parse"]))
def test_documents(work: Path, documents: dict[str, bytes], fmt: str, rng: random.Random, command: str) -> None:
    path = place(work, mutate_bytes(documents[fmt], rng), "." + fmt.split(".")[-1])
    if command == "validate":
        check(["validate", str(path), "--no-tables"], path.name)
    else:
        check(["parse", str(path), "-o", str(work / "out"), "--force"], path.name)


@cases(200)
@given(rng=st.randoms(use_true_random=False), command=st.sampled_from(["validate", "parse"]))
def test_docx(work: Path, documents: dict[str, bytes], rng: random.Random, command: str) -> None:
    path = place(work, mutate_docx(documents["docx"], rng), ".docx")
    args = ["validate", str(path), "--no-tables"] if command == "validate" else ["parse", str(path), "-o", str(work / "out"), "--force"]
    check(args, path.name)


@cases(50)
@given(rng=st.randoms(use_true_random=False))
def test_pdf(work: Path, documents: dict[str, bytes], rng: random.Random) -> None:
    path = place(work, mutate_bytes(documents["pdf"], rng), ".pdf")
    check(["validate", str(path), "--no-tables"], path.name)


def test_the_seeds_themselves(work: Path, documents: dict[str, bytes]) -> None:
    for fmt, data in documents.items():
        suffix = "." + fmt.split(".")[-1]
        path = place(work, data, suffix)
        assert check(["validate", str(path), "--no-tables"], path.name) in ((0, 1) if fmt != "pdf" else (0, 1, 2))


@settings(max_examples=max(1, int(8 * SCALE)), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False), fmt=st.sampled_from(["json", "html", "docx", "yaml"]))
def test_hostile_mutations_stay_in_bounded_memory(work: Path, documents: dict[str, bytes], rng: random.Random,
                                                  fmt: str) -> None:
    """A subprocess under a 1.5 GB address-space cap: bombs included, the peak stays under 500 MB."""
    if fmt == "json":
        data = mutate_document(json.loads(SAMPLE.read_text(encoding="utf-8")), rng)
    elif fmt == "docx":
        data = mutate_docx(documents["docx"], rng)
    elif fmt == "yaml":
        data = documents["yaml"] + b"".join(
            f"k{i}: &k{i} [{', '.join([f'*k{i - 1}'] * 10) if i else '1'}]\n".encode() for i in range(rng.randint(5, 12)))
    else:
        depth = rng.randint(200, 4000)
        data = b"<html><body>" + b"<div>" * depth + documents["html"] + b"</div>" * depth
    path = place(work, data, "." + fmt)
    run = run_bounded(["validate", str(path), "--no-tables"], cap_mb=1500, timeout=60)
    assert run.code in (0, 1, 2) and "Traceback" not in run.output, run.output[-2000:]
    assert run.peak_mb < 500, run.peak_mb
