// One bot turn as the screen reader hears it: a short summary of its first text, its
// cards and how many choices it offers (the log itself stays silent).
import { T, fill } from "./texts.js";

const SUMMARY_CHARS = 160;

export function newTurn() {
  return { first: null, bubbles: [], texts: [], cards: [], buttons: 0 };
}

export function turnSummary(turn) {
  const parts = [];
  const texts = turn.texts.filter(Boolean);
  if (texts.length) parts.push(T.bot + " " + shorten(texts[0], SUMMARY_CHARS));
  parts.push(...turn.cards);
  if (texts.length > 1 || (texts[0] && texts[0].length > SUMMARY_CHARS)) parts.push(T.summaryMore);
  if (turn.buttons) parts.push(fill(T.summaryChoices, { n: turn.buttons }));
  return parts.join(" ");
}

export function shorten(text, max) {
  const plain = String(text).replace(/\[([^\]]+)\]\([^)]+\)/g, "$1").replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)) + "…";
}
