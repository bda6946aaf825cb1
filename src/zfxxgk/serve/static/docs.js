// The API's docs page, drawn from the OpenAPI document this server publishes (no external asset).
"use strict";

function el(tag, text) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  return node;
}

async function draw() {
  const api = await (await fetch("/v1/openapi.json")).json();
  document.getElementById("about").textContent = `${api.info.title} ${api.info.version} (OpenAPI ${api.openapi}). ${api.info.description || ""}`;
  const box = document.getElementById("ops");
  for (const [path, methods] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const div = el("div");
      div.className = "op";
      div.id = `${method}-${path}`;
      const head = el("h2");
      const m = el("code", method.toUpperCase());
      m.className = "method";
      head.append(m, el("code", path));
      div.append(head, el("p", op.description || op.summary || ""));
      const params = (op.parameters || []).map((p) => [p.name, p.in, (p.schema && (p.schema.type || (p.schema.anyOf || []).map((s) => s.type).join(" | "))) || "", p.description || ""]);
      const body = op.requestBody ? Object.entries(op.requestBody.content) : [];
      for (const [type, content] of body) {
        const props = (content.schema && content.schema.properties) || {};
        if (!Object.keys(props).length) params.push(["(body)", type, "binary", content.description || ""]);
        for (const [name, s] of Object.entries(props)) params.push([name, type, s.format || s.type, s.description || ""]);
      }
      if (params.length) {
        const table = el("table");
        table.append(...[["name", "in", "type", "description"], ...params].map((row, i) => {
          const tr = el("tr");
          tr.append(...row.map((cell) => el(i ? "td" : "th", cell)));
          return tr;
        }));
        div.append(table);
      }
      const responses = el("ul");
      for (const [code, r] of Object.entries(op.responses || {})) responses.append(el("li", `${code}: ${r.description}`));
      div.append(responses);
      box.append(div);
    }
  }
}

document.addEventListener("DOMContentLoaded", draw);
