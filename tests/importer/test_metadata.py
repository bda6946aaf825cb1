"""The report's metadata is read from every place it is printed, and each place is logged.

Real reports (tests/data/real/, as published) give their agency and year whatever form they come
in; generated reports check each source on its own (a header block, a title over several lines,
the text alone, an HTML <title>, a Word file's or a PDF's properties, the file name, --agency and
--year), and what must not be taken for the agency (a portal, a department, a number) is not.
"""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.importer import ParseResult, parse_bytes, parse_path
from zfxxgk.importer.blocks import Property
from zfxxgk.importer.labels import index
from zfxxgk.importer.locate import Locator
from zfxxgk.importer.meta_text import looks_like_agency, read_date, read_title
from zfxxgk.importer.metadata import Metadata, Sources, Stated, read_metadata
from zfxxgk.importer.read_markdown import read_markdown
from zfxxgk.importer.read_text import read_text
from zfxxgk.layout import layout
from zfxxgk.render import render
from zfxxgk.resources import rules_catalog
from zfxxgk.testing import random_report

REAL = Path(__file__).resolve().parents[1] / "data" / "real"

# Agency and year of each real report, as its title prints them. shanghai-stcsm-2024 prints only
# the short name 上海市科委 (title: "2024 年上海市科委政府信息公开工作" / "年度报告"; text: 上海市科委,
# 市科委): the full name 上海市科学技术委员会 is printed nowhere in it, so it is not invented.
REAL_METADATA = {
    "pingtan-czj-2019.txt": ("平潭综合实验区财政金融局", 2019),
    "pingtan-czj-2021.txt": ("平潭综合实验区财政金融局", 2021),
    "pingtan-gaj-2022.txt": ("平潭综合实验区公安局", 2022),
    "pingtan-gwh-2021.txt": ("平潭综合实验区管委会办公室", 2021),
    "pingtan-hzs-2020.txt": ("平潭综合实验区行政审批局", 2020),
    "pingtan-jjf-2020.txt": ("平潭综合实验区经济发展局", 2020),
    "pingtan-jtj-2019.txt": ("平潭综合实验区交通与建设局", 2019),
    "pingtan-lyy-2021.txt": ("平潭综合实验区旅游与文化体育局", 2021),
    "pingtan-nyn-2020.txt": ("平潭综合实验区农业农村局", 2020),
    "pingtan-scj-2019.txt": ("平潭综合实验区市场监督管理局", 2019),
    "pingtan-shs-2020.txt": ("平潭综合实验区社会事业局", 2020),
    "pingtan-zhz-2023.txt": ("平潭综合实验区综合执法与应急管理局", 2023),
    "shanghai-stcsm-2024.md": ("上海市科委", 2024),
}


def read_real(name: str) -> tuple[Metadata, list[Any]]:
    """The metadata of a real report, read from its located lines (the tables are not needed)."""
    path = REAL / name
    text = path.read_text(encoding="utf-8")
    blocks = read_markdown(text) if path.suffix == ".md" else read_text(text)
    edition = "2019" if REAL_METADATA[name][1] < 2021 else "2021"
    located = Locator(index(edition)).run(blocks)
    log: list[Any] = []
    return read_metadata(located, log, layout(edition), Sources(file_name=str(path))), log


def test_every_real_report_is_in_the_test_data() -> None:
    reports = [p.name for p in REAL.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md"]
    assert sorted(reports) == sorted(REAL_METADATA)


@pytest.mark.parametrize("name", sorted(REAL_METADATA))
def test_a_real_report_parses_with_its_agency_and_year_and_validates(name: str) -> None:
    """End to end: before, 12 of these came out with agency_name "标题:平潭…" (the header line read as
    the title) and shanghai-stcsm-2024 with an empty one, which made it invalid."""
    from zfxxgk.validate import Validator

    result = parse_path(REAL / name)
    assert (result.report["agency_name"], result.report["report_year"]) == REAL_METADATA[name]
    check = Validator().validate(result.report, source=name)
    assert check.valid, [f.code for f in check.findings]
    assert not [f for f in check.findings if "/agency_name" in f.pointers or "/report_year" in f.pointers]


@pytest.mark.parametrize("name", sorted(REAL_METADATA))
def test_a_real_report_gives_its_agency_and_year(name: str) -> None:
    meta, log = read_real(name)
    assert (meta.agency_name, meta.report_year) == REAL_METADATA[name]
    for entry in log:  # whatever was not read from the printed title says where it came from
        assert entry.kind == "inferred" and entry.raw and entry.where


@pytest.mark.parametrize("name", sorted(n for n in REAL_METADATA if n.startswith("pingtan")))
def test_a_saved_page_gives_its_date_and_address_from_its_header(name: str) -> None:
    meta, log = read_real(name)
    head = (REAL / name).read_text(encoding="utf-8").splitlines()[:8]
    published = next(line for line in head if line.startswith("发布时间"))
    url = next(line for line in head if line.startswith("原文链接"))
    assert meta.publication_date == published.split(": ")[1][:10]
    assert meta.source_url == url.split(": ")[1]
    dated = {e.pointer: e for e in log}
    assert dated["/publication_date"].raw == published and dated["/publication_date"].where == "line 2"
    assert dated["/source_url"].where == "line 6"


@pytest.mark.parametrize("name", ["pingtan-czj-2019.txt", "pingtan-czj-2021.txt", "pingtan-zhz-2023.txt"])
def test_a_publisher_that_is_a_number_a_department_or_the_portal_is_not_the_agency(name: str) -> None:
    """发布机构: 1, 发布机构: 办公室, 发布机构: 平潭综合实验区人民政府 (the portal): the title names the agency."""
    meta, log = read_real(name)
    assert meta.agency_name == REAL_METADATA[name][0]
    assert not [e for e in log if e.pointer == "/agency_name" and "发布机构" in e.message_en]


def test_a_title_over_two_lines_is_read_and_logged() -> None:
    meta, log = read_real("shanghai-stcsm-2024.md")
    (entry,) = [e for e in log if e.pointer == "/agency_name"]
    assert entry.raw == "2024 年上海市科委政府信息公开工作 / 年度报告"
    assert entry.where == "line 2 – line 3" and "printed over 2 lines" in entry.message_en


def test_a_header_title_is_logged_when_the_body_prints_no_title() -> None:
    meta, log = read_real("pingtan-gaj-2022.txt")
    entries = {e.pointer: e for e in log}
    assert entries["/agency_name"].where == "line 1" and entries["/agency_name"].raw.startswith("标题: ")
    assert entries["/report_year"].value == 2022


# ---- generated reports, one source at a time --------------------------------------------------


def body(seed: int = 1, year: int = 2022, overview: str = "本年度政务公开工作平稳推进。",
         other: str = "本年度未收取信息处理费。") -> str:
    """A rendered report without its title line: the tables and sections only."""
    report = random_report(random.Random(seed), "2021")
    report.update(report_year=year, overview=overview, other_matters=other,
                  problems_and_improvements="公开内容的规范性有待加强。")
    text = render(report, "txt")
    assert isinstance(text, str)
    return text.split("\n", 1)[1]


def parse(text: str, name: str = "report.txt", **stated: Any) -> ParseResult:
    return parse_bytes(text.encode("utf-8"), name, stated=Stated(**stated) if stated else None)


def entry(result: ParseResult, pointer: str) -> Any:
    (found,) = [e for e in result.log if e.pointer == pointer and e.kind == "inferred"]
    return found


def test_a_header_block_gives_title_date_and_address() -> None:
    text = ("标题: 某县交通运输局2022年度政府信息公开工作年度报告\n发布时间: 2023-01-15 10:20\n文号: \n"
            "发布机构: 1\n原文链接: https://www.example.gov.cn/zfxxgk/2023/t20230115_1.htm\n" + body())
    result = parse(text)
    report = result.report
    assert report["agency_name"] == "某县交通运输局" and report["report_year"] == 2022
    assert report["publication_date"] == "2023-01-15"
    assert report["source_url"] == "https://www.example.gov.cn/zfxxgk/2023/t20230115_1.htm"
    assert entry(result, "/agency_name").where == "line 1"
    assert entry(result, "/publication_date").raw == "发布时间: 2023-01-15 10:20"
    assert entry(result, "/source_url").where == "line 5"


def test_a_header_line_under_the_title_gives_the_date() -> None:
    result = parse("某县交通运输局2022年度政府信息公开工作年度报告\n发布日期：2023-01-15　来源：某县交通运输局\n" + body())
    assert result.report["publication_date"] == "2023-01-15"
    assert not [e for e in result.log if e.pointer in ("/agency_name", "/report_year")]  # the title, as printed


@pytest.mark.parametrize("lines", [
    ["2022 年某市生态环境局政府信息公开工作", "年度报告"],
    ["某市生态环境局", "2022年政府信息公开工作年度报告"],
    ["某市生态环境局2022年", "政府信息公开工作", "年度报告"],
    ["正文", "某市生态环境局政府信息公开工作年度报告", "（2022年度）"],
])
def test_a_title_printed_over_several_lines(lines: list[str]) -> None:
    result = parse("\n".join(lines) + "\n" + body())
    assert (result.report["agency_name"], result.report["report_year"]) == ("某市生态环境局", 2022)
    found = entry(result, "/agency_name")
    assert found.raw.endswith(lines[-1]) and "over" in found.message_en


def test_a_title_that_names_no_agency_leaves_it_to_the_text() -> None:
    text = "2022年度政府信息公开工作年度报告\n" + body(
        overview="本报告由某县人力资源和社会保障局编制。2022年，我局认真贯彻《条例》。")
    result = parse(text)
    assert result.report["agency_name"] == "某县人力资源和社会保障局"
    assert "本报告由某县人力资源和社会保障局编制" in entry(result, "/agency_name").raw


@pytest.mark.parametrize(("overview", "other", "agency"), [
    ("某县人力资源和社会保障局（以下简称“我局”）认真贯彻《条例》。", "无。", "某县人力资源和社会保障局"),
    ("我局（某县人力资源和社会保障局）认真贯彻《条例》。", "无。", "某县人力资源和社会保障局"),
    ("2022年，某县人力资源和社会保障局认真贯彻《条例》。", "无。", "某县人力资源和社会保障局"),
    ("我局认真贯彻《条例》。", "无。\n某县人力资源和社会保障局\n2023年1月20日", "某县人力资源和社会保障局"),
    ("我局认真贯彻《条例》。", "无。 某县人力资源和社会保障局 2023年1月20日 附件下载", "某县人力资源和社会保障局"),
])
def test_the_text_alone_gives_the_agency(overview: str, other: str, agency: str) -> None:
    text = body(overview=overview + "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。", other=other)
    result = parse(text)
    assert (result.report["agency_name"], result.report["report_year"]) == (agency, 2022)
    assert entry(result, "/agency_name").where.startswith("line ")
    assert "statistics period" in entry(result, "/report_year").message_en


def test_the_signature_gives_the_date_when_nothing_else_does() -> None:
    result = parse("某县交通运输局2022年政府信息公开工作年度报告\n" + body(other="无。\n某县交通运输局\n2023年1月20日"))
    assert result.report["publication_date"] == "2023-01-20"
    assert "signed" in entry(result, "/publication_date").message_en


def test_the_file_name_gives_agency_and_year() -> None:
    result = parse(body(), "downloads/80560_某县交通运输局2022年度政府信息公开工作年度报告.txt")
    assert (result.report["agency_name"], result.report["report_year"]) == ("某县交通运输局", 2022)
    assert entry(result, "/agency_name").where == "file name"


def test_a_file_name_that_is_no_title_gives_nothing() -> None:
    result = parse(body(), "pingtan-czj-2022.txt")
    assert result.report["agency_name"] == ""
    (warning,) = [e for e in result.log if e.pointer == "/agency_name"]
    assert warning.kind == "warning" and warning.code == "P502" and "--agency" in warning.message_en
    (rule,) = [r for r in rules_catalog()["rules"] if r["code"] == warning.code]
    assert rule["name"] == "metadata-missing" and rule["log_kind"] == "warning"


def html(title_tag: str, head: str = "", h1: str = "") -> bytes:
    report = random_report(random.Random(1), "2021")
    report.update(report_year=2022, overview="本年度政务公开工作平稳推进。")
    page = render(report, "html")
    assert isinstance(page, str)
    start, end = page.index("<title>"), page.index("</title>") + len("</title>")
    page = page[:start] + title_tag + head + page[end:]
    start, end = page.index("<h1>"), page.index("</h1>") + len("</h1>")
    return (page[:start] + h1 + page[end:]).encode("utf-8")


def test_an_html_title_and_meta_tags() -> None:
    data = html("<title>某市审计局2022年政府信息公开工作年度报告_某市人民政府门户网站</title>",
                '<meta name="PubDate" content="2023-01-18 09:00"><meta name="ContentSource" content="某市人民政府">'
                '<link rel="canonical" href="https://www.example.gov.cn/sjj/2023/art_1.html">')
    result = parse_bytes(data, "page.html")
    report = result.report
    assert (report["agency_name"], report["report_year"]) == ("某市审计局", 2022)
    assert report["publication_date"] == "2023-01-18"
    assert report["source_url"] == "https://www.example.gov.cn/sjj/2023/art_1.html"
    assert entry(result, "/agency_name").where.startswith("HTML <title>")
    assert entry(result, "/publication_date").where.startswith('HTML <meta name="PubDate">')


def test_the_printed_title_wins_over_a_stale_html_title_and_says_so() -> None:
    data = html("<title>某市审计局2021年政府信息公开工作年度报告</title>",
                h1="<h1>某市审计局2022年政府信息公开工作年度报告</h1>")
    result = parse_bytes(data, "page.html")
    assert result.report["report_year"] == 2022
    (note,) = [e for e in result.log if e.pointer == "/report_year"]
    assert note.kind == "inferred" and note.code == "P501" and note.candidates == [2022, 2021]
    assert "HTML <title>" in note.message_en and "not taken" in note.message_en


def word(title: str | None, created: Any = None, author: str | None = None) -> bytes:
    import docx

    report = random_report(random.Random(1), "2021")
    report.update(report_year=2022, overview="本年度政务公开工作平稳推进。")
    document = docx.Document(io.BytesIO(render(report, "docx")))  # type: ignore[arg-type]
    heading = document.paragraphs[0]
    heading._element.getparent().remove(heading._element)  # no printed title
    document.core_properties.title = title or ""
    document.core_properties.author = author or ""
    if created is not None:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_core_properties_give_title_and_date() -> None:
    from datetime import datetime

    data = word("某区民政局2022年政府信息公开工作年度报告", created=datetime(2023, 1, 9, 8, 0))
    result = parse_bytes(data, "draft.docx")
    report = result.report
    assert (report["agency_name"], report["report_year"]) == ("某区民政局", 2022)
    assert report["publication_date"] == "2023-01-09"
    assert entry(result, "/agency_name").where == "Word core properties (docProps/core.xml) title"
    assert "created" in entry(result, "/publication_date").where


def test_a_word_file_made_long_before_gives_no_date_and_its_creator_is_weighed() -> None:
    from datetime import datetime

    data = word(None, created=datetime(2013, 12, 23), author="某区民政局")
    result = parse_bytes(data, "draft.docx")
    assert result.report["publication_date"] is None
    assert result.report["agency_name"] == "某区民政局"  # nothing better: the creator has an agency's form
    assert "creator" in entry(result, "/agency_name").where
    assert parse_bytes(word(None, author="Administrator"), "draft.docx").report["agency_name"] == ""


def test_pdf_document_information_is_read() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from zfxxgk.importer.read_pdf import read_pdf

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    drawing.setTitle("某区民政局2022年政府信息公开工作年度报告")
    drawing.setAuthor("某区民政局")
    drawing.setFont("STSong-Light", 12)
    drawing.drawString(72, 720, "一、总体情况")
    drawing.save()
    properties: list[Property] = []
    blocks = read_pdf(buffer.getvalue(), "a.pdf", properties)
    assert read_pdf(buffer.getvalue(), "a.pdf") == blocks  # the text is read the same either way
    got = {p.name: p for p in properties}
    assert got["title"].value == "某区民政局2022年政府信息公开工作年度报告"
    assert got["title"].where == "PDF document information /Title"
    assert got["author"].value == "某区民政局"
    assert read_date(got["created"].value) is not None  # D:YYYYMMDD… as reportlab writes it


def test_pdf_properties_decide_when_the_text_is_silent() -> None:
    """What a PDF reader hands over decides like any other source (parse_blocks is format-blind)."""
    from zfxxgk.importer import parse_blocks

    blocks = read_text(body())
    properties = (Property("title", "某区民政局2022年政府信息公开工作年度报告", "PDF document information /Title"),
                  Property("created", "D:20230109080000+08'00'", "PDF document information /CreationDate"))
    result = parse_blocks(blocks, "scan.pdf", "pdf", None, Sources(properties, "scan.pdf"))
    assert (result.report["agency_name"], result.report["publication_date"]) == ("某区民政局", "2023-01-09")
    assert entry(result, "/agency_name").where == "PDF document information /Title"


# ---- stated by the user -----------------------------------------------------------------------


def test_stated_metadata_fills_what_the_document_does_not_print() -> None:
    result = parse(body(), agency="某县交通运输局", year=2022)
    assert (result.report["agency_name"], result.report["report_year"]) == ("某县交通运输局", 2022)
    stated = entry(result, "/agency_name")
    assert stated.where == "command line" and stated.raw == "--agency 某县交通运输局"


def test_a_stated_value_wins_and_the_log_says_what_the_document_said() -> None:
    result = parse("某县交通运输局2022年度政府信息公开工作年度报告\n" + body(), year=2021)
    assert result.report["report_year"] == 2021
    stated = entry(result, "/report_year")
    assert "--year" in stated.message_en and "the document says 2022" in stated.message_en


# ---- the rules on their own -------------------------------------------------------------------

PLACES = ["北京市", "某县", "上海市浦东新区", "平潭综合实验区", "河南省济源市", "某镇", "某市某区"]
KINDS = ["司法局", "交通运输局", "人民政府", "人民政府办公室", "卫生健康委员会", "市场监督管理局", "街道办事处",
         "发展和改革委员会", "综合执法与应急管理局", "公安局"]


@settings(max_examples=60, deadline=None)
@given(place=st.sampled_from(PLACES), kind=st.sampled_from(KINDS), year=st.integers(2008, 2099),
       form=st.sampled_from(["{a}{y}年政府信息公开工作年度报告", "{a}{y}年度政府信息公开工作年度报告",
                             "{a}关于{y}年度政府信息公开工作的年度报告", "{y}年{a}政府信息公开工作年度报告",
                             "{a}政府信息公开工作年度报告（{y}年度）", "{a}{y}年政务公开工作年度报告",
                             "{a} {y} 年政府信息公开年报"]),
       cut=st.integers(0, 40), tail=st.sampled_from(["", " 根据《条例》规定，现公布本报告。", "_某市人民政府门户网站"]))
def test_any_agency_and_year_in_any_form_of_title(place: str, kind: str, year: int, form: str, cut: int,
                                                  tail: str) -> None:
    agency = place + kind
    title = form.format(a=agency, y=year)
    parts = read_title(title + tail)
    assert parts is not None and (parts.agency, parts.year) == (agency, year)
    # Printed over two lines, cut anywhere: the same.
    cut = 1 + cut % (len(title) - 1)
    result = parse(title[:cut] + "\n" + title[cut:] + "\n" + body(year=year))
    assert (result.report["agency_name"], result.report["report_year"]) == (agency, year)


@pytest.mark.parametrize("name", ["1", "办公室", "人民政府", "我局", "本机关", "Administrator", "张三丰", "请与",
                                  "其他需要报告的事项无平潭综合实验区行政审批局"])
def test_what_is_not_an_agency_name(name: str) -> None:
    assert not looks_like_agency(name)


@pytest.mark.parametrize("name", ["平潭综合实验区人民政府", "上海市科委", "某县交通与建设局", "济源示范区司法局",
                                  "某街道办事处", "某市人民政府办公室"])
def test_what_has_the_form_of_an_agency_name(name: str) -> None:
    assert looks_like_agency(name)


@pytest.mark.parametrize(("text", "day"), [
    ("2020-01-06 20:04", date(2020, 1, 6)), ("2023年1月9日", date(2023, 1, 9)), ("D:20230109080000+08'00'",
                                                                               date(2023, 1, 9)),
    ("2023-01-09T08:00:00+00:00", date(2023, 1, 9)), ("２０２３年１月９日", date(2023, 1, 9)), ("2023-02-30", None),
])
def test_dates_as_sources_print_them(text: str, day: date | None) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize(("title", "agency", "year"), [
    ("北京市 朝阳区 司法局 2021年政府信息公开工作年度报告", "北京市朝阳区司法局", 2021),
    ("首页 政务公开 年报 朝阳区司法局2021年政府信息公开工作年度报告", "朝阳区司法局", 2021),
    ("首页 > 政务公开 > 朝阳区司法局2021年政府信息公开工作年度报告", "朝阳区司法局", 2021),
    ("上 海 市 科 委 2024 年 政 府 信 息 公 开 工 作 年 度 报 告", "上海市科委", 2024),
    ("朝阳区司法局二〇二一年度政府信息公开工作年度报告", "朝阳区司法局", 2021),
    ("附件1：朝阳区司法局2021年政府信息公开工作年度报告", "朝阳区司法局", 2021),
    ("2021年度政府信息公开工作年度报告", "", 2021),
])
def test_titles_as_pages_print_them(title: str, agency: str, year: int) -> None:
    parts = read_title(title)
    assert parts is not None and (parts.agency, parts.year) == (agency, year)


def test_a_sentence_citing_a_report_is_no_title() -> None:
    assert read_title("根据《某市关于做好2022年政府信息公开工作年度报告的通知》") is None
