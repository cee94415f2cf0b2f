// Cards for the contract's structured payloads (conversation-contract.md section 3).
import { h, link } from "./dom.js";
import { HEADINGS, ROUTE_KINDS, SLOT_LABELS, valueLabel } from "./labels.js";
import { T, fill } from "./texts.js";

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
  "september", "oktober", "november", "december"];

// "2026-11-01" -> "1 november 2026" (no ISO dates in the chat); anything else as it is.
export function dutchDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return String(value || "");
  return Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1];
}

function card(kind, title, body, count) {
  const node = h("section", { class: "card card-" + kind, "aria-label": title }, [
    h("h3", { class: "card-title", text: title }),
    ...body,
  ]);
  // For the live region: the card's title and how many items it has, never its whole text.
  const nouns = T.cardItems[kind];
  node.dataset.summary = count && nouns
    ? fill(T.cardSummary, { title, n: count, items: nouns[count === 1 ? 0 : 1] }) : title;
  return node;
}

function recommendations(payload) {
  const items = (payload.items || []).filter((i) => i && i.name);
  if (!items.length) return null;
  return card("recommendations", HEADINGS.recommendations, [
    h("ol", { class: "card-list" }, items.map((item) => h("li", null, [
      h("strong", { text: String(item.name) }),
      (item.reasons || []).length
        ? h("ul", { class: "reasons" }, item.reasons.map((r) => h("li", { text: String(r) })))
        : null,
    ]))),
  ], items.length);
}

function routes(payload) {
  const items = (payload.items || []).filter((i) => i && i.name);
  if (!items.length) return null;
  return card("routes", HEADINGS.routes, [
    h("ul", { class: "card-list" }, items.map((route) => {
      const facts = [
        ROUTE_KINDS[route.kind] || "",
        route.level ? fill(T.level, { l: valueLabel(route.level) }) : "",
        route.duration_months ? fill(T.months, { n: route.duration_months }) : "",
        route.learn_while_earning ? T.learnEarn : "",
      ].filter(Boolean);
      return h("li", null, [
        h("strong", { text: String(route.name) }),
        facts.length ? h("span", { class: "facts", text: facts.join(" · ") }) : null,
        route.url ? h("span", { class: "more" }, [link(route.url, fill(T.moreAbout, { name: route.name }), T.newTab)]) : null,
      ]);
    })),
  ], items.length);
}

function funding(payload) {
  const items = (payload.items || []).filter((i) => i && i.name);
  if (!items.length) return null;
  return card("funding", HEADINGS.funding, [
    h("ul", { class: "card-list" }, items.map((item) => h("li", null, [
      h("strong", { text: String(item.name) }),
      item.amount ? h("span", { class: "facts", text: String(item.amount) }) : null,
      item.conditions ? h("span", { class: "detail", text: String(item.conditions) }) : null,
      item.valid_until ? h("span", { class: "detail", text: fill(T.validUntil, { d: dutchDate(item.valid_until) }) }) : null,
      item.url ? h("span", { class: "more" }, [link(item.url, fill(T.moreAbout, { name: item.name }), T.newTab)]) : null,
      item.checked_at ? h("span", { class: "checked", text: fill(T.checkedAt, { d: dutchDate(item.checked_at) }) }) : null,
    ]))),
    h("p", { class: "note", text: T.amountNote }),
  ], items.length);
}

function contactBlock(contact) {
  if (!contact || !contact.name) return null;
  return h("div", { class: "contact" }, [
    h("h4", { text: HEADINGS.contact }),
    h("p", null, [h("strong", { text: String(contact.name) })]),
    contact.phone ? h("p", null, [link("tel:" + String(contact.phone).replace(/[^\d+]/g, ""), T.phone + " " + contact.phone)]) : null,
    contact.url ? h("p", null, [link(contact.url, fill(T.websiteOf, { name: contact.name }), T.newTab)]) : null,
  ]);
}

function nextSteps(payload) {
  const steps = (payload.steps || []).filter(Boolean);
  if (!steps.length && !payload.contact) return null;
  return card("next_steps", HEADINGS.next_steps, [
    steps.length ? h("ol", { class: "card-list steps" }, steps.map((s) => h("li", { text: String(s) }))) : null,
    contactBlock(payload.contact),
  ], steps.length);
}

function profileSummary(payload) {
  const profile = payload.profile || {};
  const rows = Object.keys(SLOT_LABELS)
    .filter((key) => valueLabel(profile[key]))
    .map((key) => h("div", null, [h("dt", { text: SLOT_LABELS[key] }), h("dd", { text: valueLabel(profile[key]) })]));
  if (!rows.length) return null;
  return card("profile_summary", HEADINGS.profile_summary, [h("dl", { class: "profile" }, rows),
    h("p", { class: "note", text: T.profileHint })]);
}

const RENDERERS = {
  recommendations,
  routes,
  funding,
  next_steps: nextSteps,
  profile_summary: profileSummary,
};

// Returns a DOM node for a payload, or null for payloads that have no visible form (fallback).
export function renderCustom(custom) {
  if (!custom || typeof custom !== "object") return null;
  // Stock Rasa workaround payloads arrive as {data: {...}}: accept both shapes.
  const payload = custom.type ? custom : custom.data && custom.data.type ? custom.data : null;
  if (!payload) return null;
  const render = Object.prototype.hasOwnProperty.call(RENDERERS, payload.type) ? RENDERERS[payload.type] : null;
  return render ? render(payload) : null;
}
