// DOM helpers. Untrusted text only ever goes through textContent / createTextNode.
const SAFE_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"];

export function h(tag, attrs, children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of [].concat(children || [])) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

export function safeUrl(url) {
  try {
    const parsed = new URL(String(url), window.location.href);
    return SAFE_PROTOCOLS.includes(parsed.protocol) ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

export function link(url, label, newTabText) {
  const href = safeUrl(url);
  if (!href) return document.createTextNode(label || String(url || ""));
  const external = href.startsWith("http");
  return h("a", {
    href,
    target: external ? "_blank" : null,
    rel: external ? "noopener noreferrer" : null,
  }, [label || href, external && newTabText ? h("span", { class: "sr", text: " " + newTabText }) : null]);
}

// Inline SVG icons without innerHTML.
export function icon(paths, size) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size || 22));
  svg.setAttribute("height", String(size || 22));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const d of paths) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
  }
  return svg;
}

export const ICONS = {
  chat: ["M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"],
  close: ["M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z"],
  send: ["M2 21 23 12 2 3v7l15 2-15 2z"],
  restart: ["M12 5V1L7 6l5 5V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z"],
};
