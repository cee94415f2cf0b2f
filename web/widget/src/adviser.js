// Live handover in the widget: messages a human adviser types in the console.
// They arrive on the same socket.io event as the assistant's ("bot_uttered") with an
// `adviser` object ({name}) and a server timestamp `ts`; the assistant's note that it is
// back has `handover: "resumed"`. After a (re)connect the widget asks for the ones it
// missed ("adviser_sync" with the newest `ts` it has), so a person who closed the page
// sees the adviser's answer when they return.
import { h } from "./dom.js";

const STYLE = `
.msg.adviser { align-self: flex-start; background: #fff8e1; border: 2px solid #8a5a00;
  border-bottom-left-radius: 4px; white-space: pre-wrap; }
.msg.adviser .who { display: block; margin-bottom: 2px; font-size: 14px; font-weight: 700; color: #5c3b00; }
.notice.adviser { align-self: center; max-width: 92%; padding: 4px 10px; font-size: 14px;
  font-style: italic; color: #3d3d3d; text-align: center; }
`;

function newestTs(transcript) {
  let since = 0;
  for (const entry of transcript) {
    if (typeof entry.ts === "number" && entry.ts > since) since = entry.ts;
  }
  return since;
}

function entryFor(message) {
  const ts = typeof message.ts === "number" ? message.ts : null;
  const text = typeof message.text === "string" ? message.text : "";
  if (message.adviser && typeof message.adviser === "object") {
    const name = String(message.adviser.name || "").slice(0, 40) || "Adviseur";
    return { who: "adviser", text, name, notice: message.notice ? String(message.notice) : null, ts };
  }
  if (message.handover === "resumed") return { who: "bot", text, ts };
  return null;
}

// Handles an adviser message or the resume note; false for anything else.
export function receiveHandover(widget, message) {
  const entry = entryFor(message);
  if (!entry) return false;
  const seen = entry.ts !== null && widget.store.transcript.some((e) => e.ts === entry.ts);
  if (seen || !entry.text.trim()) return true;
  widget.store.append(entry);
  widget.renderEntry(entry, true);
  if (widget.panel.hidden) widget.setUnread(true);
  // Screen readers: the widget's log is silent and its announcer speaks per turn.
  if (entry.who === "bot" && widget.scheduleAnnouncement) widget.scheduleAnnouncement();
  else if (widget.announcer) {
    widget.announcer.textContent = entry.notice ? entry.text : entry.name + ", adviseur: " + entry.text;
  }
  if (widget.scrollDown) widget.scrollDown();
  return true;
}

function ensureStyle(node) {
  const root = node.getRootNode();
  if (!root || root === document || root.querySelector("style[data-adviser]")) return;
  root.appendChild(h("style", { "data-adviser": "", text: STYLE }));
}

// The element for an adviser entry (a takeover notice or a message bubble).
export function renderAdviser(log, entry) {
  ensureStyle(log);
  let node;
  if (entry.notice) {
    node = h("p", { class: "notice adviser", text: entry.text });
  } else {
    node = h("div", { class: "msg adviser" }, [
      h("span", { class: "who" }, [entry.name, h("span", { class: "sr", text: ", adviseur (een mens):" }),
        h("span", { "aria-hidden": "true", text: " · adviseur" })]),
      entry.text,
    ]);
  }
  // Read by bench/bench_handover.py: when the reply became visible.
  node.setAttribute("data-shown-at", String(Date.now()));
  log.appendChild(node);
  return node;
}

// Ask the server for adviser messages this browser has not shown yet.
export function requestMissed(connection, sessionId, transcript) {
  if (!connection || !connection.socket) return;
  connection.socket.emit("adviser_sync", { session_id: sessionId, since: newestTs(transcript) });
}

// True while an adviser holds the conversation (the assistant will not answer, so the
// widget shows no "typing" dots after the person's message).
export function adviserHolds(transcript) {
  let held = false;
  for (const entry of transcript) {
    if (entry.who === "adviser") held = true;
    else if (entry.who === "bot" && typeof entry.ts === "number") held = false; // resume note
  }
  return held;
}
