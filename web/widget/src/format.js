// Bot text to DOM nodes: paragraphs, [label](url) links, bare URLs and **bold**. Never HTML.
import { h, link } from "./dom.js";
import { T, fill } from "./texts.js";

const TOKEN = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)])|\*\*([^*\n]{1,200})\*\*/g;

// A bare URL gets a name instead of being read out character by character.
function urlLabel(url) {
  try {
    const parsed = new URL(url);
    if (/\/kaart\/[^/]+\.pdf$/.test(parsed.pathname)) return T.cardPdfLink;
    if (/\/kaart\/[^/.]+$/.test(parsed.pathname)) return T.cardLink;
    return fill(T.siteLink, { host: parsed.hostname.replace(/^www\./, "") });
  } catch (e) {
    return url;
  }
}

function inline(text) {
  const nodes = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  let match;
  while ((match = TOKEN.exec(text)) !== null) {
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    if (match[1]) nodes.push(link(match[2], match[1], T.newTab));
    else if (match[3]) nodes.push(link(match[3], urlLabel(match[3]), T.newTab));
    else nodes.push(h("strong", { text: match[4] }));
    last = TOKEN.lastIndex;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

export function formatText(text) {
  const fragment = document.createDocumentFragment();
  const paragraphs = String(text).split(/\n{2,}/);
  for (const para of paragraphs) {
    const p = h("p");
    const lines = para.split("\n");
    lines.forEach((line, i) => {
      for (const node of inline(line)) p.appendChild(node);
      if (i < lines.length - 1) p.appendChild(h("br"));
    });
    fragment.appendChild(p);
  }
  return fragment;
}
