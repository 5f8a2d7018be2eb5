// reviewguard triage page: plain browser JavaScript, no libraries, nothing loaded from the network.
// Pasted reviews go to the JSON API (/v1/reviews/classify, /v1/orders/score), pasted chats to
// /v1/chats/assess; files go to /ui/api/score-file, which parses and validates them exactly like
// `reviewguard score`.
// Everything the API returns is shown as text (never as HTML), and nothing is un-masked.
"use strict";

const LABELS = {
  extortion: "勒索/要挟", competitor: "同行恶意竞争", ad: "广告", meaningless: "无意义",
  false_claim: "虚假评价", normal: "正常评价",
};
const LEVELS = { high: "高风险", medium: "中风险", low: "低风险" };
const ACTIONS = {
  ship: "正常发货", confirm_with_buyer: "先与买家确认", delay_and_report: "延迟发货并报备",
  mark_out_of_stock: "申请缺货",
};
const SOURCES = { chat: "飞鸽聊天", review: "评价原文", order: "订单事实", account: "买家账号" };
const ROLES = { buyer: "买家", seller: "商家", system: "系统" };
const LOGISTICS = { unshipped: "未发货", in_transit: "运输中", delivered: "已签收", returned: "已退回" };
const REFUNDS = { none: "无退款", requested: "已申请退款", refunded: "已退款", rejected: "已拒绝退款" };
const CHAT_KINDS = { extortion: "勒索", competitor_probe: "同行打探", ad: "广告", complaint: "投诉", normal: "正常" };
// What a line of a pasted chat may start with ("买家：…", "卖家: …"), and the role it means.
const ROLE_PREFIXES = {
  买家: "buyer", 顾客: "buyer", 客户: "buyer", 卖家: "seller", 商家: "seller", 客服: "seller", 店家: "seller", 系统: "system",
};
// The report form's description field (appeal.draft_short is at most this long).
const SHORT_DRAFT_LIMIT = 100;
// The README's extortion case, dated a few days back so that its appeal deadline is still open.
function example() {
  const ago = (days, hour) => {
    const d = new Date(Date.now() - days * 86400000);
    if (hour !== undefined) d.setHours(hour, 0, 0, 0);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  return {
    review_id: "r1", text: "质量太差了，差评！", rating: "1", created_at: ago(1, 17),
    chat: [{ role: "buyer", text: "给我转30元我马上删差评" }],
    order: { order_id: "o1", paid_at: ago(5, 10), delivered_at: ago(3, 12), logistics_status: "delivered" },
  };
}
const CHAT_EXAMPLE = "买家：东西什么时候发？\n卖家：亲，今天下午就发货哦\n买家：给我转50块，不然我就给差评";

const $ = (id) => document.getElementById(id);
const state = { rows: [], errors: [], selected: null, seq: 0 };

// ---- small DOM helpers (text only: API strings never become markup) ---------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "style") Object.assign(node.style, value);  // CSSOM: allowed by the page's CSP
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// One decimal; never "100%" or "0%" for a probability that is merely close to it.
function pct(x) {
  if (x === null || x === undefined) return "—";
  if (x >= 0.9995 && x < 1) return ">99.9%";
  if (x > 0 && x < 0.0005) return "<0.1%";
  return `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

// Wrap every occurrence of the given quotes in <mark>, building text nodes only.
function highlighted(text, quotes) {
  const spans = [];
  for (const quote of quotes) {
    if (!quote) continue;
    let at = text.indexOf(quote);
    while (at !== -1) {
      spans.push([at, at + quote.length]);
      at = text.indexOf(quote, at + quote.length);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  const fragment = document.createDocumentFragment();
  let pos = 0;
  for (const [start, end] of merged) {
    if (start > pos) fragment.append(text.slice(pos, start));
    fragment.append(el("mark", { class: "quote" }, text.slice(start, end)));
    pos = end;
  }
  if (pos < text.length) fragment.append(text.slice(pos));
  return fragment;
}

// ---- rows: one per scored item, whatever way it came in ----------------------------------------
function rowRisk(row) {
  if (row.kind === "order" || row.kind === "chat") return row.result.risk;
  const p = row.result.probabilities || {};
  return 1 - (p.normal ?? 0);  // probability of any malicious label
}
function rowLabel(row) {
  if (row.kind === "chat") return `聊天·${CHAT_KINDS[row.result.kind] || row.result.kind}`;
  return row.kind === "order" ? `订单·${LEVELS[row.result.level] || row.result.level}` : LABELS[row.result.label] || row.result.label;
}
function rowId(row) {
  return { order: row.result.order_id, chat: row.result.chat_id }[row.kind] ?? row.result.review_id;
}
function rowDays(row) { return row.kind === "review" && row.result.appeal ? row.result.appeal.days_left : null; }
function rowAdvice(row) {
  const r = row.result;
  if (row.kind === "order") return ACTIONS[r.action] || r.action;
  if (row.kind === "chat") return r.hold_shipping ? "暂缓发货" : r.suggested_reply ? "按建议回复" : "无需处理";
  if (r.reportable && !r.reportable.ok && r.appeal) return "不可举报";
  if (r.appeal) return `${r.reportable?.channel === "评价举报" ? "举报" : "申诉"}：${r.appeal.reason}`;
  if (r.reply_suggestion) return "回复买家";
  if (r.needs_review) return "人工复核";
  return "无需处理";
}
function isMalicious(row) {
  return row.kind === "review" ? row.result.malicious : row.result.level === "high";
}
function rowTagClass(row) {
  return row.kind === "review" ? `lbl-${row.result.label}` : `lvl-${row.result.level}`;
}

function addRows(kind, entries, source) {
  for (const entry of entries) {
    state.seq += 1;
    state.rows.push({ key: `k${state.seq}`, kind, row: entry.row ?? null, input: entry.input || null, result: entry.result, source });
  }
}

function visibleRows() {
  const label = $("filter-label").value;
  const onlyReview = $("filter-review").checked;
  const daysText = $("filter-days").value.trim();
  const maxDays = daysText === "" ? null : Number(daysText);
  return state.rows
    .filter((row) => {
      if (label === "malicious" && !(row.kind === "review" && row.result.malicious)) return false;
      if (label === "chat" && row.kind !== "chat") return false;
      if (label && label !== "malicious" && label !== "chat") {
        const value = { order: row.result.level, review: row.result.label }[row.kind];
        if (value !== label) return false;
      }
      if (onlyReview && !(row.kind === "review" && row.result.needs_review)) return false;
      if (maxDays !== null && !Number.isNaN(maxDays)) {
        const days = rowDays(row);
        if (days === null || days === undefined || days > maxDays) return false;
      }
      return true;
    })
    .sort((a, b) => rowRisk(b) - rowRisk(a) || (a.row ?? 0) - (b.row ?? 0));
}

function renderTable() {
  const rows = visibleRows();
  const body = $("results-body");
  body.replaceChildren();
  for (const row of rows) {
    const r = row.result;
    const days = rowDays(row);
    const tr = el("tr", {
      "data-key": row.key, "data-kind": row.kind, "data-risk": rowRisk(row).toFixed(6),
      class: [row.key === state.selected ? "selected" : "", isMalicious(row) ? "bad" : ""].join(" ").trim() || null,
    },
      el("td", { class: "num opt" }, row.row ?? "—"),
      el("td", { class: "id" }, el("button", { type: "button", class: "link", title: "查看详情", "aria-label": `查看 ${rowId(row)} 的详情`, onclick: () => showDetail(row.key) }, rowId(row))),
      el("td", {}, el("span", { class: `tag ${rowTagClass(row)}` }, rowLabel(row))),
      el("td", { class: "num risk" }, pct(rowRisk(row))),
      el("td", { class: "num opt" }, row.kind === "review" ? pct(r.confidence) : "—"),
      el("td", {}, row.kind === "review" && r.needs_review ? el("span", { class: "flag" }, "需复核") : ""),
      el("td", { class: `num ${days !== null && days !== undefined && days < 0 ? "expired" : ""}` },
        days === null || days === undefined ? "—" : days < 0 ? "已过期" : String(days)),
      el("td", { class: "opt" }, rowAdvice(row)),
    );
    body.append(tr);
  }
  $("empty").hidden = state.rows.length > 0 && rows.length > 0;
  $("empty").textContent = state.rows.length ? "没有符合筛选条件的结果。" : "还没有结果：粘贴一条评价、一段聊天或上传文件。";
  $("download").disabled = rows.length === 0;
  $("clear").disabled = state.rows.length === 0;
  renderCounts(rows);
}

function renderCounts(rows) {
  const reviews = state.rows.filter((r) => r.kind === "review");
  const orders = state.rows.filter((r) => r.kind === "order");
  const parts = [`共 ${state.rows.length} 条`];
  if (reviews.length) {
    parts.push(`恶意 ${reviews.filter((r) => r.result.malicious).length}`);
    parts.push(`需复核 ${reviews.filter((r) => r.result.needs_review).length}`);
    parts.push(`正常 ${reviews.filter((r) => r.result.label === "normal").length}`);
  }
  if (orders.length) parts.push(`高风险订单 ${orders.filter((r) => r.result.level === "high").length}`);
  const chats = state.rows.filter((r) => r.kind === "chat");
  if (chats.length) parts.push(`聊天 ${chats.length}（高风险 ${chats.filter((r) => r.result.level === "high").length}）`);
  if (state.errors.length) parts.push(`错误行 ${state.errors.length}`);
  if (rows.length !== state.rows.length) parts.push(`显示 ${rows.length}`);
  $("counts").textContent = state.rows.length || state.errors.length ? `（${parts.join(" · ")}）` : "";
}

function renderErrors() {
  const list = $("row-errors-list");
  list.replaceChildren(...state.errors.map((e) =>
    el("li", {}, el("strong", {}, `第 ${e.row} 行${e.id ? `（${e.id}）` : ""}：`), e.errors.join("；"))));
  $("row-errors").hidden = state.errors.length === 0;
}

// ---- detail view ----------------------------------------------------------------------------------
function showDetail(key) {
  const row = state.rows.find((r) => r.key === key);
  if (!row) return;
  state.selected = key;
  const body = $("detail-body");
  body.replaceChildren({ order: orderDetail, chat: chatDetail, review: reviewDetail }[row.kind](row));
  $("detail").hidden = false;
  renderTable();
  $("detail-heading").textContent = `详情：${rowId(row)}`;
  $("detail-heading").focus();
}

function probabilityChart(probabilities) {
  const entries = Object.entries(probabilities).sort((a, b) => b[1] - a[1]);
  return el("div", { class: "bars", role: "img", "aria-label": entries.map(([k, v]) => `${LABELS[k] || k} ${pct(v)}`).join("，") },
    entries.map(([label, value]) => el("div", { class: "bar-row" },
      el("span", { class: "bar-name" }, LABELS[label] || label),
      el("span", { class: "bar-track" }, el("span", { class: `bar-fill ${label === "normal" ? "ok" : "warn"}`, style: { width: `${Math.max(0, Math.min(100, value * 100)).toFixed(1)}%` } })),
      el("span", { class: "bar-value num" }, pct(value)))));
}

function section(title, ...children) {
  return el("section", { class: "block" }, el("h3", {}, title), ...children);
}

function fmtTime(value) {
  if (!value) return "";
  return String(value).replace("T", " ").replace(/:\d\d(\.\d+)?(\+08:00)?$/, "");
}

// Where to find a piece of evidence for the report ("飞鸽聊天第3条", "评价原文", "物流记录"): the API
// says so in `where`; older answers without it get the same wording from source and index.
function whereOf(e) {
  if (e.where) return e.where;
  if (e.source === "chat" && e.index !== null && e.index !== undefined) return `飞鸽聊天第${e.index + 1}条`;
  return SOURCES[e.source] || e.source;
}

function evidenceList(items, attrs) {
  return el("ul", { class: "evidence", ...(attrs || {}) }, items.map((e) => el("li", { class: `ev ev-${e.source}` },
    el("span", { class: "src" }, whereOf(e)),
    e.quote ? el("q", {}, e.quote) : null,
    e.fact ? el("span", { class: "fact" }, e.fact) : null,
    el("span", { class: "why" }, e.reason))));
}

// A chat with the evidence quotes highlighted in place (the API's exact quotes and chat `index`).
function chatList(chat, evidence, id) {
  const quotes = new Map();
  for (const e of evidence) {
    if (e.source === "chat" && e.quote !== null && e.quote !== undefined && e.index !== null && e.index !== undefined) {
      quotes.set(e.index, [...(quotes.get(e.index) || []), e.quote]);
    }
  }
  if (!chat.length) return el("p", { class: "muted" }, "没有聊天记录。");
  return el("ol", { class: "chat", id }, chat.map((m, i) =>
    el("li", { class: `msg ${m.role}${quotes.has(i) ? " has-evidence" : ""}`, "data-index": String(i) },
      el("span", { class: "who" }, `${i + 1}. ${ROLES[m.role] || m.role}${m.sent_at ? ` · ${fmtTime(m.sent_at)}` : ""}` +
        (m.media ? ` · [${m.media === "video" ? "视频" : "图片"}]` : "")),
      el("span", { class: "said" }, highlighted(m.text || "", quotes.get(i) || [])))));
}

// A text box with a copy button and its status line; `ids` names the three for tests and labels.
function copyBox(text, { id, buttonId, statusId, label, button, rows, readonly = true, primary = false }) {
  const box = el("textarea", { id, class: "draft", readonly, rows: String(rows || 4), "aria-label": label });
  box.value = text;
  const status = el("span", { id: statusId, class: "copy-status", role: "status", "aria-live": "polite" });
  const copy = el("button", { type: "button", id: buttonId, class: primary ? "primary" : "secondary", onclick: () => copyText(box, status) }, button);
  return { box, status, copy };
}

// Characters as the service counts them (code points, so an emoji counts once).
const charCount = (text) => [...text].length;

function reportableBlock(reportable) {
  const verdict = reportable.ok
    ? el("p", { class: "verdict-line" }, el("span", { class: "flag ok" }, "可以举报"),
      reportable.channel ? [" 渠道：", el("strong", { class: "channel" }, reportable.channel)] : null)
    : el("p", { class: "verdict-line" }, el("span", { class: "flag bad" }, "不能举报"), " 这条评价不要提交申诉或举报");
  return el("section", { id: "reportable", class: `block reportable ${reportable.ok ? "ok" : "bad"}` },
    el("h3", {}, "能否举报"), verdict,
    reportable.why.length ? el("ul", { class: "why-list" }, reportable.why.map((line) => el("li", {}, line))) : null);
}

function reportReasonsBlock(reasons) {
  if (!reasons.length) return section("举报理由", el("p", { class: "muted" }, "没有适用的平台举报理由。"));
  return section(`举报理由（${reasons.length}）`,
    el("ol", { id: "report-reasons", class: "reasons" }, reasons.map((x, i) => el("li", { class: "reason", "data-code": x.code },
      el("div", { class: "reason-head" },
        el("strong", { class: "reason-name" }, x.name),
        i === 0 ? el("span", { class: "flag" }, "首选") : null,
        el("span", { class: "reason-confidence num" }, `置信度 ${pct(x.confidence)}`),
        el("code", { class: "reason-code" }, x.code)),
      x.evidence.length ? evidenceList(x.evidence) : el("p", { class: "muted" }, "没有证据条目。")))));
}

// The report form's description field: the short draft, editable, with a live count against 100.
function shortDraftBlock(appeal) {
  const { box, status, copy } = copyBox(appeal.draft_short, {
    id: "draft-short", buttonId: "copy-short", statusId: "copy-short-status", label: "举报说明（短，填入举报表的描述栏）",
    button: "复制", rows: 3, readonly: false, primary: true,
  });
  box.setAttribute("aria-describedby", "draft-short-count");
  const count = el("span", { id: "draft-short-count", class: "char-count num" });
  const update = () => {
    const n = charCount(box.value);
    count.textContent = `${n}/${SHORT_DRAFT_LIMIT}`;
    count.classList.toggle("over", n > SHORT_DRAFT_LIMIT);
    count.title = n > SHORT_DRAFT_LIMIT ? `超出 ${n - SHORT_DRAFT_LIMIT} 字：举报表的描述栏放不下` : "举报表描述栏的字数";
  };
  box.addEventListener("input", update);
  update();
  return section("举报说明（填入描述栏，≤100 字）", box, el("div", { class: "actions" }, copy, count, status));
}

function reviewDetail(row) {
  const r = row.result;
  const input = row.input || {};
  const appeal = r.appeal;
  // Every malicious result carries its evidence, also when no appeal is due (rating 4-5).
  const evidence = appeal ? appeal.evidence : (r.evidence || []);
  const root = el("div", { class: "detail-grid" });

  const verdict = el("div", { class: "verdict" },
    el("span", { class: `tag big lbl-${r.label}` }, LABELS[r.label] || r.label),
    el("span", {}, `置信度 ${pct(r.confidence)}`),
    r.malicious ? el("span", { class: "flag bad" }, "判定恶意") : null,
    r.needs_review ? el("span", { class: "flag" }, "需人工复核") : null,
    el("span", { class: "muted" }, r.model_version));
  root.append(section("判断", verdict,
    r.missing_evidence ? el("p", { class: "missing-evidence" }, `缺少证据：${r.missing_evidence}`) : null,
    probabilityChart(r.probabilities || {})));

  if (r.reportable) root.append(reportableBlock(r.reportable));
  if (r.report_reasons) root.append(reportReasonsBlock(r.report_reasons));

  if (input.text !== undefined) {
    const reviewQuotes = evidence.filter((e) => e.source === "review" && e.quote).map((e) => e.quote);
    const order = input.order || {};
    const known = [
      order.paid_at && `付款 ${fmtTime(order.paid_at)}`, order.shipped_at && `发货 ${fmtTime(order.shipped_at)}`,
      order.delivered_at && `签收 ${fmtTime(order.delivered_at)}`, order.logistics_status && `物流：${LOGISTICS[order.logistics_status] || order.logistics_status}`,
      order.refund_status && `退款：${REFUNDS[order.refund_status] || order.refund_status}`,
    ].filter(Boolean);
    root.append(section("评价与聊天（证据已高亮）",
      el("p", { class: "stars", "aria-label": `${input.rating} 星` }, "★".repeat(input.rating || 0) + "☆".repeat(5 - (input.rating || 0)),
        input.created_at ? el("span", { class: "muted" }, ` ${fmtTime(input.created_at)}`) : null),
      el("blockquote", { class: "review-text", id: "review-text" }, highlighted(input.text, reviewQuotes)),
      chatList(input.chat || [], evidence, "chat"),
      known.length ? el("p", { class: "muted" }, `订单记录：${known.join("；")}`) : null));
  }

  if (appeal) {
    const deadline = appeal.deadline
      ? (appeal.expired ? `申诉期已过：截止 ${appeal.deadline}（${-appeal.days_left} 天前）` : `申诉截止 ${appeal.deadline}，还剩 ${appeal.days_left} 天`)
      : "评价时间未知：请在评价发布后 30 天内申诉";
    const gains = appeal.evidence_to_add || [];
    root.append(section(`申诉：${appeal.reason}`,
      el("p", { class: appeal.expired ? "deadline expired" : "deadline" }, deadline),
      appeal.success_probability !== null && appeal.success_probability !== undefined
        ? el("p", {}, `申诉成功率估计 ${pct(appeal.success_probability)} `, el("span", { class: "muted" }, appeal.success_note || ""))
        : appeal.success_note ? el("p", { class: "muted" }, appeal.success_note) : null,
      gains.length ? el("p", { class: "muted" }, "补充后成功率可提高：" + gains.map((g) => `${g.item} → ${pct(g.success_probability)}`).join("；")) : null,
      evidenceList(evidence, { id: "appeal-evidence" })));

    const facts = evidence.filter((e) => (e.source === "order" || e.source === "account") && e.fact);
    if (facts.length) {
      root.append(section("与评价矛盾的订单/账号事实",
        el("ul", { class: "facts" }, facts.map((e) => el("li", {}, el("strong", {}, e.fact), el("span", { class: "why" }, e.reason))))));
    }

    root.append(section("材料清单",
      el("ul", { class: "checklist" }, appeal.checklist.map((c) => el("li", { class: c.provided ? "ok" : "missing" },
        el("span", { class: "mark", "aria-hidden": "true" }, c.provided ? "✔" : "✘"),
        el("span", { class: "sr-only" }, c.provided ? "已具备：" : "缺少："),
        el("strong", {}, c.item), " ", el("span", { class: "muted" }, c.note))))));

    if (appeal.draft_short !== undefined && appeal.draft_short !== null) root.append(shortDraftBlock(appeal));

    const { box, status, copy } = copyBox(appeal.draft, {
      id: "draft", buttonId: "copy-draft", statusId: "copy-status", label: "申诉说明", button: "复制申诉说明", rows: 5,
    });
    root.append(section("申诉说明（完整）",
      el("details", { id: "draft-long", class: "long-draft" },
        el("summary", {}, `展开完整申诉说明（${charCount(appeal.draft)} 字）`),
        box, el("div", { class: "actions" }, copy, status))));
  } else if (r.malicious) {
    root.append(section("申诉", el("p", { class: "muted" }, "这条评价没有申诉材料：原因见上方“能否举报”。")));
  }

  if (r.reply_suggestion) {
    const { box, status, copy } = copyBox(r.reply_suggestion, {
      id: "reply", statusId: "reply-status", label: "回复建议", button: "复制回复",
    });
    root.append(section("回复建议（真实差评）", box, el("div", { class: "actions" }, copy, status)));
  }
  return root;
}

function chatDetail(row) {
  const r = row.result;
  const input = row.input || {};
  const root = el("div", { class: "detail-grid" });
  if (r.hold_shipping) {
    root.append(el("div", { id: "hold-shipping", class: "hold-banner", role: "alert" },
      el("strong", {}, "暂缓发货"),
      el("span", {}, "订单还没发出：先不要发货，保存聊天截图，核实后再决定。")));
  }
  root.append(section("聊天预警",
    el("div", { class: "verdict" },
      el("span", { id: "chat-kind", class: `tag big kind-${r.kind}` }, CHAT_KINDS[r.kind] || r.kind),
      el("span", { id: "chat-level", class: `tag lvl-${r.level}` }, LEVELS[r.level] || r.level),
      el("span", {}, `风险 ${pct(r.risk)}`),
      el("span", { class: "muted" }, r.model_version)),
    el("div", { class: "bars" }, el("div", { class: "bar-row" },
      el("span", { class: "bar-name" }, "风险"),
      el("span", { class: "bar-track" }, el("span", { class: `bar-fill ${r.level === "low" ? "ok" : "warn"}`, style: { width: `${(r.risk * 100).toFixed(1)}%` } })),
      el("span", { class: "bar-value num" }, pct(r.risk))))));
  if ((input.chat || []).length) {
    const status = input.order?.logistics_status;
    root.append(section("聊天（证据已高亮）", chatList(input.chat, r.evidence, "chat"),
      status ? el("p", { class: "muted" }, `订单状态：${LOGISTICS[status] || status}`) : null));
  }
  root.append(section("证据", r.evidence.length
    ? evidenceList(r.evidence, { id: "chat-evidence" })
    : el("p", { class: "muted" }, "没有证据条目。")));
  if (r.suggested_reply) {
    const { box, status, copy } = copyBox(r.suggested_reply, {
      id: "chat-reply", buttonId: "copy-chat-reply", statusId: "chat-reply-status", label: "建议回复", button: "复制回复", rows: 3, primary: true,
    });
    root.append(section("建议回复买家", box, el("div", { class: "actions" }, copy, status)));
  }
  root.append(section("建议", r.advice.length
    ? el("ul", { id: "chat-advice", class: "advice" }, r.advice.map((a) => el("li", {}, a)))
    : el("p", { class: "muted" }, "正常沟通，无需特别处理。")));
  return root;
}

function orderDetail(row) {
  const r = row.result;
  const input = row.input || {};
  const root = el("div", { class: "detail-grid" });
  root.append(section("风险",
    el("div", { class: "verdict" },
      el("span", { class: `tag big lvl-${r.level}` }, LEVELS[r.level] || r.level),
      el("span", {}, `恶意下单风险 ${pct(r.risk)}`),
      el("span", { class: "muted" }, r.model_version)),
    el("div", { class: "bars" }, el("div", { class: "bar-row" },
      el("span", { class: "bar-name" }, "风险"),
      el("span", { class: "bar-track" }, el("span", { class: `bar-fill ${r.level === "low" ? "ok" : "warn"}`, style: { width: `${(r.risk * 100).toFixed(1)}%` } })),
      el("span", { class: "bar-value num" }, pct(r.risk))))));
  root.append(section("原因", r.reasons.length
    ? el("ul", { class: "facts" }, r.reasons.map((x) => el("li", {}, el("span", {}, x.text), el("code", { class: "muted" }, x.code))))
    : el("p", { class: "muted" }, "没有规则命中；风险来自模型对整体特征的判断。")));
  root.append(section("建议操作", el("p", {}, el("strong", {}, ACTIONS[r.action] || r.action)), el("p", {}, r.action_note)));
  root.append(section("防控中心建议开启", r.prevention.length
    ? el("ul", { class: "checklist" }, r.prevention.map((p) => el("li", {}, p)))
    : el("p", { class: "muted" }, "无需额外设置。")));
  if ((input.chat || []).length) {
    root.append(section("飞鸽聊天", el("ol", { class: "chat" }, input.chat.map((m, i) =>
      el("li", { class: `msg ${m.role}` }, el("span", { class: "who" }, `${i + 1}. ${ROLES[m.role] || m.role}`), el("span", { class: "said" }, m.text))))));
  }
  return root;
}

// navigator.clipboard needs a secure context and focus; the textarea selection is the fallback.
async function copyText(textarea, status) {
  const text = textarea.value;
  let done = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch (_error) {
      done = false;
    }
  }
  if (!done) {
    textarea.focus();
    textarea.select();
    try { done = document.execCommand("copy"); } catch (_error) { done = false; }
  }
  status.textContent = done ? "已复制到剪贴板" : "复制失败：文字已选中，请按 Ctrl+C 复制";
  status.className = `copy-status ${done ? "ok" : "bad"}`;
}

// ---- talking to the service ---------------------------------------------------------------------
function authHeaders() {
  const token = $("token").value.trim();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function problemText(status, payload, fallback) {
  if (status === 401 || status === 403) {
    return `服务器拒绝了请求（${status}）：${payload?.error || payload?.detail || ""} —— 请在右上角填写访问令牌。`;
  }
  const detail = payload?.detail ?? payload?.error;
  if (Array.isArray(detail)) {
    return "输入有误：" + detail.map((d) => `${(d.loc || []).join(".")}：${d.msg}`).join("；");
  }
  if (typeof detail === "string" && detail) return detail;
  return fallback || `服务器返回错误 ${status}`;
}

async function call(url, options) {
  let response;
  try {
    response = await fetch(url, { ...options, headers: { ...(options.headers || {}), ...authHeaders() } });
  } catch (_error) {
    throw new Error("连不上服务：请确认 reviewguard serve 正在运行。");
  }
  const text = await response.text();
  let payload = null;
  try { payload = text ? JSON.parse(text) : null; } catch (_error) { payload = null; }
  if (!response.ok) throw new Error(problemText(response.status, payload, text.slice(0, 300)));
  return payload;
}

function showMessage(text, kind = "error") {
  const box = $("message");
  box.textContent = text && kind === "error" ? `出错了：${text}` : text;
  box.className = `message ${kind}`;
  box.hidden = !text;
}

async function busy(task) {
  $("busy").hidden = false;
  document.body.setAttribute("aria-busy", "true");
  for (const b of document.querySelectorAll("form button[type=submit]")) b.disabled = true;
  try {
    await task();
  } catch (error) {
    showMessage(error.message || String(error));
  } finally {
    $("busy").hidden = true;
    document.body.removeAttribute("aria-busy");
    for (const b of document.querySelectorAll("form button[type=submit]")) b.disabled = false;
  }
}

// datetime-local gives "2026-10-10T17:00": the service reads a time without offset as Beijing time.
const localTime = (value) => (value ? (value.length === 16 ? `${value}:00` : value) : undefined);

function reviewFromForm(form) {
  const data = new FormData(form);
  const text = (data.get("text") || "").toString();
  const reviewId = (data.get("review_id") || "").toString().trim();
  if (!reviewId) throw new Error("请填写评价编号（review_id）。");
  if (!text.trim()) throw new Error("请填写评价内容（text）。");
  const item = { review_id: reviewId, text, rating: Number(data.get("rating")) };
  if (data.get("created_at")) item.created_at = localTime(data.get("created_at"));
  const chat = [...document.querySelectorAll("#chat-list li")]
    .map((li) => ({ role: li.querySelector("select").value, text: li.querySelector("input").value }))
    .filter((m) => m.text.trim());
  if (chat.length) item.chat = chat;
  const order = {};
  for (const name of ["order_id", "logistics_status", "refund_status"]) if (data.get(name)) order[name] = data.get(name);
  for (const name of ["paid_at", "shipped_at", "delivered_at"]) if (data.get(name)) order[name] = localTime(data.get(name));
  if (data.get("account_age_days")) order.buyer = { account_age_days: Number(data.get("account_age_days")) };
  if (Object.keys(order).length) item.order = order;
  return item;
}

async function submitReview(event) {
  event.preventDefault();
  await busy(async () => {
    const item = reviewFromForm(event.target);
    const results = await call("../v1/reviews/classify", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ items: [item] }),
    });
    showMessage("");
    addRows("review", [{ input: item, result: results[0] }], "paste");
    renderTable();
    showDetail(state.rows[state.rows.length - 1].key);
  });
}

// One message per line: "买家：…" / "卖家: …" (full- or half-width colon); a line without a prefix
// is from the role chosen in the form; "[图片]" / "[视频]" at the start marks a picture or video.
function chatFromText(text, defaultRole) {
  const prefix = new RegExp(`^\\s*(${Object.keys(ROLE_PREFIXES).join("|")})\\s*[:：]\\s*`);
  const messages = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const found = line.match(prefix);
    const message = { role: found ? ROLE_PREFIXES[found[1]] : defaultRole, text: (found ? line.slice(found[0].length) : line).trim() };
    const media = message.text.match(/^\[(图片|视频)\]\s*/);
    if (media) {
      message.media = media[1] === "视频" ? "video" : "image";
      message.text = message.text.slice(media[0].length);
    }
    messages.push(message);
  }
  return messages;
}

// The form as the API's chat item; an empty chat is sent as it is, so the service names the field.
function chatItemFromForm(form) {
  const data = new FormData(form);
  const item = {
    chat_id: (data.get("chat_id") || "").toString().trim(),
    chat: chatFromText((data.get("chat") || "").toString(), (data.get("default_role") || "buyer").toString()),
  };
  if (data.get("logistics_status")) item.order = { logistics_status: data.get("logistics_status") };
  return item;
}

async function submitChat(event) {
  event.preventDefault();
  await busy(async () => {
    const item = chatItemFromForm(event.target);
    const results = await call("../v1/chats/assess", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ items: [item] }),
    });
    showMessage("");
    addRows("chat", [{ input: item, result: results[0] }], "paste");
    renderTable();
    showDetail(state.rows[state.rows.length - 1].key);
  });
}

async function submitJson(event) {
  event.preventDefault();
  await busy(async () => {
    let parsed;
    try {
      parsed = JSON.parse($("json-input").value);
    } catch (error) {
      throw new Error(`不是有效的 JSON：${error.message}`);
    }
    const items = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.items) ? parsed.items : [parsed];
    if (!items.length || items.some((x) => typeof x !== "object" || x === null)) throw new Error("JSON 里应是评价/订单对象。");
    const kind = items.every((x) => "review_id" in x) ? "review" : "order";
    const url = kind === "review" ? "../v1/reviews/classify" : "../v1/orders/score";
    const results = await call(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ items }) });
    showMessage("");
    const first = state.rows.length;
    addRows(kind, results.map((result, i) => ({ input: items[i], result })), "paste");
    renderTable();
    showDetail(visibleRows().find((r) => state.rows.indexOf(r) >= first)?.key || state.rows[first].key);
  });
}

async function submitFile(event) {
  event.preventDefault();
  await busy(async () => {
    const file = $("file-input").files[0];
    if (!file) throw new Error("请先选择一个 CSV 或 JSONL 文件。");
    const kind = $("file-kind").value;
    const url = `api/score-file?kind=${encodeURIComponent(kind)}&filename=${encodeURIComponent(file.name)}`;
    const answer = await call(url, { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file });
    state.rows = state.rows.filter((r) => r.source !== "file");
    addRows(kind === "reviews" ? "review" : "order", answer.results, "file");
    state.errors = answer.errors;
    state.selected = null;
    $("detail").hidden = true;
    renderErrors();
    renderTable();
    const name = kind === "reviews" ? "评价" : "订单";
    showMessage(`已读取 ${file.name}：${answer.rows_in} 行，打分 ${answer.scored} 行` +
      (answer.errors.length ? `，${answer.errors.length} 行有错误（见表格下方）。` : "。"), answer.errors.length ? "warn" : "ok");
    if (!answer.scored && answer.errors.length) showMessage(`${file.name} 中没有一行${name}能打分：见表格下方的错误行。`);
    $("results-heading").focus();
  });
}

// ---- CSV download: built here from the table, with a BOM so Excel reads the Chinese -------------
function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;  // no spreadsheet formulas
  return `"${text.replace(/"/g, '""')}"`;
}

function downloadCsv() {
  const header = ["类型", "行", "编号", "判断", "风险", "置信度", "需复核", "申诉理由", "申诉截止", "剩余天数", "建议", "申诉说明或回复建议",
    "能否举报", "举报渠道", "举报理由代码", "举报说明（≤100字）"];
  const lines = [header.map(csvCell).join(",")];
  for (const row of visibleRows()) {
    const r = row.result;
    const appeal = row.kind === "review" ? r.appeal : null;
    const reportable = row.kind === "review" ? r.reportable : null;
    const advice = { order: () => `${ACTIONS[r.action] || r.action}：${r.action_note}`, chat: () => [rowAdvice(row), ...r.advice].join("；") };
    lines.push([
      { review: "评价", order: "订单", chat: "聊天" }[row.kind], row.row ?? "", rowId(row), rowLabel(row), rowRisk(row).toFixed(4),
      row.kind === "review" ? r.confidence.toFixed(4) : "", row.kind === "review" ? (r.needs_review ? "是" : "否") : "",
      appeal ? appeal.reason : "", appeal?.deadline || "", appeal?.days_left ?? "",
      (advice[row.kind] || (() => rowAdvice(row)))(),
      appeal ? appeal.draft : r.reply_suggestion || r.suggested_reply || "",
      reportable ? (reportable.ok ? "是" : "否") : "", reportable?.channel || "",
      row.kind === "review" ? (r.report_reasons || []).map((x) => x.code).join(" ") : "", appeal?.draft_short || "",
    ].map(csvCell).join(","));
  }
  const blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  const link = el("a", { href: URL.createObjectURL(blob), download: "reviewguard-结果.csv" });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

// ---- form widgets -----------------------------------------------------------------------------------
function addChatTurn(role = "buyer", text = "", focus = false) {
  const list = $("chat-list");
  const n = list.children.length + 1;
  const select = el("select", { "aria-label": `第 ${n} 条聊天的发送方` },
    Object.entries(ROLES).map(([value, name]) => el("option", { value, selected: value === role }, name)));
  const input = el("input", { type: "text", maxlength: "2000", "aria-label": `第 ${n} 条聊天内容`, placeholder: "聊天内容" });
  input.value = text;
  const remove = el("button", { type: "button", class: "link", "aria-label": `删除第 ${n} 条聊天`, onclick: () => { item.remove(); } }, "删除");
  const item = el("li", {}, select, input, remove);
  list.append(item);
  if (focus) input.focus();
}

function fillExample() {
  const form = $("panel-form");
  const data = example();
  form.reset();
  for (const [name, value] of Object.entries(data)) {
    if (typeof value === "string" && form.elements[name]) form.elements[name].value = value;
  }
  for (const [name, value] of Object.entries(data.order)) form.elements[name].value = value;
  form.querySelector("details").open = true;
  $("chat-list").replaceChildren();
  for (const m of data.chat) addChatTurn(m.role, m.text);
  form.elements.text.focus();
}

function fillChatExample() {
  const form = $("panel-chat");
  form.reset();
  form.elements.logistics_status.value = "unshipped";
  $("chat-input").value = CHAT_EXAMPLE;
  $("chat-input").focus();
}

function selectTab(tab, focus) {
  for (const other of document.querySelectorAll("[role=tab]")) {
    const on = other === tab;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !on;
  }
  if (focus) tab.focus();
}

function init() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab, false));
    tab.addEventListener("keydown", (event) => {  // arrow keys move between tabs (WAI-ARIA tabs)
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) selectTab(tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length], true);
    });
  }
  addChatTurn();
  $("add-chat").addEventListener("click", () => addChatTurn("buyer", "", true));
  $("fill-example").addEventListener("click", fillExample);
  $("panel-form").addEventListener("submit", submitReview);
  $("panel-json").addEventListener("submit", submitJson);
  $("panel-file").addEventListener("submit", submitFile);
  $("panel-chat").addEventListener("submit", submitChat);
  $("fill-chat-example").addEventListener("click", fillChatExample);
  for (const area of document.querySelectorAll("form textarea")) {
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) area.form.requestSubmit();
    });
  }
  for (const id of ["filter-label", "filter-review", "filter-days"]) {
    $(id).addEventListener("input", renderTable);
    $(id).addEventListener("change", renderTable);
  }
  $("download").addEventListener("click", downloadCsv);
  $("clear").addEventListener("click", () => {
    state.rows = []; state.errors = []; state.selected = null;
    $("detail").hidden = true; renderErrors(); renderTable(); showMessage("");
  });
  renderTable();
}

document.addEventListener("DOMContentLoaded", init);
