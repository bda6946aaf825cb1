// The checker page: send a report to /v1/check, show the official layout with its cells marked and the
// findings grouped by table and rule. No library and no external asset: everything comes from this server.
"use strict";

const TEXT = {
  zh: {
    title: "政府信息公开工作年度报告检查", api: "API 文档",
    drop: "将报告拖放到此处，或点击选择文件",
    formats: "标准数据 .json .yaml，或已发布的报告 .txt .md .html .docx .pdf .xlsx（.doc .wps .rtf .odt 需 LibreOffice）",
    previous: "上年度报告（可选，用于跨年度核对）", paste: "粘贴报告文本或表格", check: "检查",
    pastehint: "粘贴报告全文，或从 Word/Excel 复制的表格", privacy: "上传内容只在内存中处理，不会保存。",
    downloads: "下载", dlreport: "标准 JSON", dlfindings: "检查结果", dllog: "解析日志",
    findings: "检查结果", layout: "官方版式", working: "正在检查…", valid: "有效", invalid: "有错误",
    unusable: "无法读取", counts: (e, w, i) => `${e} 个错误，${w} 个警告，${i} 条解析说明`,
    other: "其他", report: "报告信息", cells: "单元格", showtext: "显示正文",
    more: (n) => `文件中有 ${n} 份报告，此处显示第一份；全部结果见 API /v1/validate。`,
    nolayout: "无法按官方版式显示：", source: "原文",
    kinds: { repair: "已修复", inferred: "推断", ambiguous: "无法确定", blank: "空白", label_variant: "栏目名称变体", unit: "单位", warning: "解析警告" },
    severity: { error: "错误", warning: "警告", info: "说明" },
  },
  en: {
    title: "Annual report checker (政府信息公开工作年度报告)", api: "API docs",
    drop: "Drop a report here, or click to choose a file",
    formats: "Standard data .json .yaml, or a published report .txt .md .html .docx .pdf .xlsx (.doc .wps .rtf .odt with LibreOffice)",
    previous: "Last year's report (optional, for the cross-year checks)", paste: "Paste the report's text or a table", check: "Check",
    pastehint: "Paste the whole report, or a table copied from Word or Excel", privacy: "Uploads are processed in memory only and never stored.",
    downloads: "Download", dlreport: "standard JSON", dlfindings: "findings", dllog: "parse log",
    findings: "Findings", layout: "Official layout", working: "Checking…", valid: "valid", invalid: "has errors",
    unusable: "unusable", counts: (e, w, i) => `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} parse note${i === 1 ? "" : "s"}`,
    other: "Other", report: "Report details", cells: "cells", showtext: "show the text",
    more: (n) => `The file holds ${n} reports; the first is shown here. The API's /v1/validate gives them all.`,
    nolayout: "Cannot be shown in the official layout: ", source: "printed text",
    kinds: { repair: "repaired", inferred: "inferred", ambiguous: "ambiguous", blank: "blank", label_variant: "label variant", unit: "unit", warning: "parse warning" },
    severity: { error: "error", warning: "warning", info: "info" },
  },
};
const RANK = { info: 0, warning: 1, error: 2 };
const MARKED_KINDS = ["repair", "inferred", "ambiguous"];
const state = { lang: "zh", bundle: null, rules: {}, urls: [] };

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  localStorage.setItem("zfxxgk-lang", lang);
  $("lang-zh").setAttribute("aria-pressed", String(lang === "zh"));
  $("lang-en").setAttribute("aria-pressed", String(lang === "en"));
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  if (state.bundle) show(state.bundle);
}

async function loadRules() {
  const response = await fetch("/v1/rules");
  for (const rule of await response.json()) state.rules[rule.code] = rule;
}

async function send(file, name) {
  const form = new FormData();
  form.append("file", file, name || file.name);
  const previous = $("previous").files[0];
  if (previous) form.append("previous", previous, previous.name);
  $("status").replaceChildren(el("span", { class: "busy" }, t("working")));
  $("result").hidden = true;
  $("downloads").hidden = true;
  state.bundle = null;
  const response = await fetch("/v1/check", { method: "POST", body: form });
  const body = await response.json();
  await state.rulesReady;
  if (body.error) {
    $("status").replaceChildren(el("span", { class: "bad" }, state.lang === "zh" ? body.error.message_zh : body.error.message_en));
    return;
  }
  state.bundle = body;
  show(body);
}

function show(bundle) {
  const validation = JSON.parse(bundle.validation);
  const result = validation.results[0];
  const findings = result.findings;
  const count = (s) => findings.filter((f) => f.severity === s).length;
  const usable = !findings.some((f) => f.code === "S001");
  const verdict = !usable ? ["bad", t("unusable")] : result.valid ? ["ok", t("valid")] : ["bad", t("invalid")];
  $("status").replaceChildren(el("span", {}, el("strong", {}, bundle.source), ": ",
    el("span", { class: verdict[0], id: "verdict" }, verdict[1]), " · ", t("counts")(count("error"), count("warning"), count("info")),
    bundle.reports_in_file > 1 ? el("div", {}, t("more")(bundle.reports_in_file)) : null));
  const log = bundle.parse_log ? JSON.parse(bundle.parse_log) : null;
  showLayout(bundle, findings, log);
  showFindings(findings, bundle.labels);
  showDownloads(bundle);
  $("result").hidden = false;
}

function cellsOf(pointer) {
  // a pointer names a cell, or a row whose cells are below it
  const all = $("layout").querySelectorAll("td[data-pointer]");
  return [...all].filter((td) => td.dataset.pointer === pointer || td.dataset.pointer.startsWith(pointer + "/"));
}

function addTip(td, line) {
  td.title = td.title ? td.title + "\n" + line : line;
}

function showLayout(bundle, findings, log) {
  const box = $("layout");
  box.innerHTML = bundle.layout || "";  // the renderer's HTML: every text in it is escaped
  if (!bundle.layout) box.append(el("p", { class: "error" }, bundle.layout_error ? t("nolayout") + bundle.layout_error : ""));
  const toggle = el("label", { class: "toggle" }, el("input", { type: "checkbox", id: "show-text" }), " " + t("showtext"));
  toggle.firstChild.addEventListener("change", (e) => box.classList.toggle("text", e.target.checked));
  if (bundle.layout) box.prepend(toggle);
  const message = (f) => (state.lang === "zh" ? f.message_zh : f.message_en);
  for (const entry of (log ? log.entries : [])) {
    if (!entry.pointer || !MARKED_KINDS.includes(entry.kind)) continue;
    for (const td of cellsOf(entry.pointer)) {
      td.classList.add("kind-" + entry.kind);
      td.dataset.kind = entry.kind;
      addTip(td, `${t("kinds")[entry.kind]} (${entry.code}): ${message(entry)}\n${entry.where || ""} ${t("source")}: “${entry.raw}”`);
    }
  }
  for (const finding of findings) {
    if (finding.code.startsWith("P")) continue;  // the parse log's entries, already shown with their text
    for (const pointer of finding.pointers) {
      for (const td of cellsOf(pointer)) {
        const was = td.dataset.severity;
        if (!was || RANK[finding.severity] > RANK[was]) {
          if (was) td.classList.remove("sev-" + was);
          td.classList.add("sev-" + finding.severity);
          td.dataset.severity = finding.severity;
        }
        addTip(td, `${finding.code} ${t("severity")[finding.severity]}: ${message(finding)}`);
      }
    }
  }
  const legend = $("legend");
  legend.replaceChildren(...MARKED_KINDS.map((k) => el("span", {}, el("i", { class: "kind-" + k, style: "background:" + ({ repair: "#e3f0ff", inferred: "#eaf7e6", ambiguous: "#f3e5ff" })[k] }), t("kinds")[k])),
    ...["error", "warning"].map((s) => el("span", {}, el("i", { style: "outline:3px solid " + (s === "error" ? "#b00020" : "#d89a00") }), t("severity")[s])));
}

function placeOf(finding, labels) {
  const pointer = finding.pointers[0];
  const label = pointer ? labels[pointer] : null;
  if (!label) return { table: t("other"), place: finding.where || "" };
  // English labels in English (the official Chinese table title beside them), official labels in Chinese
  if (state.lang === "en") return { table: label.table_en ? `${label.table_en} (${label.table})` : t("report"), place: label.path_en.join(" › ") };
  return { table: label.table || t("report"), place: label.path.join(" › ") };
}

function showFindings(findings, labels) {
  const groups = new Map();  // table -> rule code -> findings
  for (const finding of findings) {
    const { table } = placeOf(finding, labels);
    if (!groups.has(table)) groups.set(table, new Map());
    const rules = groups.get(table);
    if (!rules.has(finding.code)) rules.set(finding.code, []);
    rules.get(finding.code).push(finding);
  }
  const out = [];
  for (const [table, rules] of groups) {
    const section = el("div", { class: "group" }, el("h3", {}, table));
    for (const [code, items] of rules) {
      const rule = state.rules[code] || {};
      const title = state.lang === "zh" ? rule.title_zh : rule.title_en;
      const list = el("ul");
      for (const f of items) {
        const { place } = placeOf(f, labels);
        const text = state.lang === "zh" ? f.message_zh : f.message_en;
        const last = place.split(" › ").pop();
        // the place by its labels, unless the message names it already
        const named = place && !(last && text.includes(last));
        const item = el("li", { "data-code": code }, named ? el("span", { class: "place" }, place + "：") : null, text,
          f.source_text != null ? el("span", { class: "source" }, `${f.where || ""}  ${f.source_text}`) : null);
        if (f.pointers.length) item.addEventListener("click", () => flash(f.pointers));
        list.append(item);
      }
      section.append(el("div", { class: "rule", "data-rule": code },
        el("div", { class: "head" }, el("span", { class: "sev " + items[0].severity }, t("severity")[items[0].severity]),
          `${code} ${title || ""} (${items.length})`), list));
    }
    out.push(section);
  }
  $("findings").replaceChildren(...out);
}

function flash(pointers) {
  const cells = pointers.flatMap(cellsOf);
  if (cells.length) cells[0].scrollIntoView({ block: "center", behavior: "smooth" });
  for (const td of cells) { td.classList.remove("flash"); void td.offsetWidth; td.classList.add("flash"); }
}

function showDownloads(bundle) {
  for (const url of state.urls) URL.revokeObjectURL(url);
  state.urls = [];
  const stem = bundle.source.replace(/\.[^.]*$/, "") || "report";
  const link = (id, text, name) => {
    const a = $(id);
    a.hidden = text == null;
    if (text == null) return;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    state.urls.push(url);
    a.href = url;
    a.download = name;
  };
  link("dl-report", bundle.report, stem + ".json");
  link("dl-findings", bundle.validation, stem + ".findings.json");
  link("dl-log", bundle.parse_log, stem + ".parse-log.json");
  $("downloads").hidden = false;
}

function start() {
  const saved = localStorage.getItem("zfxxgk-lang");
  setLang(saved || ((navigator.language || "").startsWith("zh") ? "zh" : "en"));
  $("lang-zh").addEventListener("click", () => setLang("zh"));
  $("lang-en").addEventListener("click", () => setLang("en"));
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) send(e.target.files[0]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files[0]) send(e.dataTransfer.files[0]);
  });
  $("paste-go").addEventListener("click", () => {
    const text = $("paste").value;
    if (text.trim()) send(new Blob([text], { type: "text/plain" }), "pasted.txt");
  });
  state.rulesReady = loadRules();
}

document.addEventListener("DOMContentLoaded", start);
