// The widget's DOM: launcher, dialog panel, log, composer and live regions, in a shadow
// root so the host page's styles cannot reach in.
import { h, icon, ICONS } from "./dom.js";
import { css } from "./styles.js";
import { T } from "./texts.js";
import { theme } from "./theme.js";

export const MAX_INPUT = 2000;

export function buildLayout(w) {
  const o = w.options;
  w.host = h("div", { "data-techniek-widget": o.campaign || "default" });
  const shadow = w.host.attachShadow({ mode: "open" });
  w.shadow = shadow;
  shadow.appendChild(h("style", { text: css(theme(o.color)) }));
  w.root = h("div", { class: "root", lang: "nl" });
  shadow.appendChild(w.root);

  w.badge = h("span", { class: "badge", hidden: true }, [h("span", { class: "sr", text: T.unread })]);
  // No aria-label: the name comes from the text, so it always contains what is visible.
  w.launcher = h("button", {
    class: "launcher", type: "button", "aria-haspopup": "dialog", "aria-expanded": "false",
    "aria-controls": "tw-panel", onclick: () => w.open(true),
  }, [icon(ICONS.chat), h("span", { class: "short", text: T.launcherShort + " " }),
    h("span", { class: "long", text: o.launcherText || T.launcher }), w.badge]);

  w.titleId = "tw-title";
  w.restartButton = h("button", { type: "button", class: "restart", onclick: () => w.restart() },
    [icon(ICONS.restart, 18), h("span", { text: T.restart })]);
  w.closeButton = h("button", { type: "button", class: "close", "aria-label": T.close,
    onclick: () => w.close() }, [icon(ICONS.close)]);
  w.status = h("div", { class: "status", role: "status", "aria-live": "polite" });
  // The log itself is silent; `announcer` reads a short summary of each turn instead of
  // whole cards.
  w.log = h("div", { class: "log", role: "log", "aria-live": "off", "aria-label": T.logLabel,
    tabindex: "-1" });
  w.announcer = h("div", { class: "sr", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  w.body = h("div", { class: "body" }, [w.log]);
  w.typing = h("div", { class: "typing", "aria-live": "polite" });
  w.input = h("input", { type: "text", id: "tw-input", maxlength: String(MAX_INPUT), autocomplete: "off",
    placeholder: T.inputPlaceholder, "aria-label": T.inputLabel, enterkeyhint: "send" });
  w.sendButton = h("button", { type: "submit", "aria-label": T.send }, [icon(ICONS.send)]);
  w.composer = h("form", { class: "composer", onsubmit: (e) => { e.preventDefault(); w.submit(); } },
    [h("label", { class: "sr", for: "tw-input", text: T.inputLabel }), w.input, w.sendButton]);

  w.panel = h("section", {
    class: "panel", id: "tw-panel", role: "dialog", "aria-modal": "true", "aria-labelledby": w.titleId,
    hidden: true, onkeydown: (e) => w.onKey(e),
  }, [
    h("div", { class: "head" }, [h("h2", { id: w.titleId, text: o.title || T.defaultTitle }),
      w.restartButton, w.closeButton]),
    w.status, w.body, w.typing, w.composer, w.announcer,
  ]);
  w.root.appendChild(w.launcher);
  w.root.appendChild(w.panel);
  document.body.appendChild(w.host);
}

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex='-1'])";

// Tab from the last control goes to the first, Shift+Tab from the first to the last.
export function trapFocus(panel, shadow, e) {
  const items = Array.from(panel.querySelectorAll(FOCUSABLE))
    .filter((el) => el.getClientRects().length > 0);
  if (!items.length) return;
  const active = shadow.activeElement;
  const first = items[0];
  const last = items[items.length - 1];
  const inside = active && panel.contains(active);
  if (e.shiftKey && (!inside || active === first)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (!inside || active === last)) {
    e.preventDefault();
    first.focus();
  }
}
