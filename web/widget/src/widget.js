// The chat panel: consent, transcript, messages, buttons, cards, composer.
import { adviserHolds, receiveHandover, renderAdviser, requestMissed } from "./adviser.js";
import { renderCustom } from "./cards.js";
import { Connection } from "./connection.js";
import { h, link } from "./dom.js";
import { formatText } from "./format.js";
import { buildLayout, trapFocus } from "./layout.js";
import { Store } from "./storage.js";
import { T, fill } from "./texts.js";
import { newTurn, turnSummary } from "./turn.js";

const TYPING_TIMEOUT_MS = 20000;
// Messages of one turn arrive one by one: announce the turn once it has settled.
const ANNOUNCE_DELAY_MS = 600;

export class Widget {
  constructor(options) {
    this.options = options;
    this.store = new Store(options.campaign, options.retentionDays);
    this.connection = null;
    this.typingTimer = null;
    this.announceTimer = null;
    this.turn = this.newTurn();
    this.build();
    this.restoreTranscript();
    if (options.open) this.open(false);
  }

  // ---------- structure ----------
  build() {
    buildLayout(this);
  }

  // ---------- open / close ----------
  open(moveFocus) {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute("aria-expanded", "true");
    this.setUnread(false);
    if (!this.store.consent) {
      this.showConsent(moveFocus);
      return;
    }
    this.setComposerEnabled(true);
    this.connect();
    if (moveFocus) this.input.focus();
    this.scrollDown();
  }

  setUnread(unread) {
    // The badge holds visually hidden text, so the launcher's name says "nieuw bericht".
    this.badge.hidden = !unread;
  }

  // ---------- modal behaviour ----------
  onKey(e) {
    if (e.key === "Escape") {
      e.preventDefault();
      this.close();
    } else if (e.key === "Tab") {
      this.keepFocusInside(e);
    }
  }

  // The panel is a modal dialog: focus never lands on the page hidden behind it.
  keepFocusInside(e) {
    trapFocus(this.panel, this.shadow, e);
  }

  close() {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.focus();
  }

  // ---------- consent ----------
  showConsent(moveFocus) {
    if (this.consentBox) {
      // Closed before consent and opened again: the consent button is still the next step.
      if (moveFocus) this.consentButton.focus();
      return;
    }
    const o = this.options;
    const days = o.retentionDays || 90;
    // A real choice, sent to the assistant as metadata `consent` (privacy/consent.py).
    const agree = h("button", { type: "button", class: "agree", onclick: () => this.acceptConsent("ja") },
      T.consentYes);
    const onlyHelp = h("button", { type: "button", class: "agree", onclick: () => this.acceptConsent("alleen_hulp") },
      T.consentOnlyHelp);
    this.consentBox = h("div", { class: "consent", role: "group", "aria-labelledby": "tw-consent-title" }, [
      h("p", { text: o.greeting || T.consentIntro }),
      h("h3", { id: "tw-consent-title", text: T.consentTitle }),
      h("ul", null, T.consentPoints.map((p) => h("li", { text: fill(p, { days }) }))),
      o.privacyUrl ? h("p", null, [link(o.privacyUrl, T.privacyLink, T.newTab)]) : null,
      h("p", { id: "tw-consent-question", text: T.consentQuestion }),
      h("div", { class: "choices", role: "group", "aria-labelledby": "tw-consent-question" }, [agree, onlyHelp]),
    ]);
    this.consentButton = agree;
    this.body.insertBefore(this.consentBox, this.log);
    this.setComposerEnabled(false);
    if (moveFocus) agree.focus();
  }

  acceptConsent(choice) {
    this.store.giveConsent(choice);
    if (this.consentBox) this.consentBox.remove();
    this.consentBox = null;
    this.consentButton = null;
    this.setComposerEnabled(true);
    this.connect();
    this.input.focus();
  }

  setComposerEnabled(enabled) {
    this.input.disabled = !enabled;
    this.sendButton.disabled = !enabled;
  }

  // ---------- connection ----------
  connect() {
    if (this.connection) return;
    this.setStatus(T.connecting);
    this.connection = new Connection({
      url: this.options.socketUrl,
      path: this.options.socketPath,
      sessionId: this.store.sessionId,
      onMessage: (m) => this.receive(m),
      onSession: (id, isNew) => this.onSession(id, isNew),
      onStatus: (s) => this.onStatus(s),
    });
  }

  onSession(id, isNew) {
    if (isNew && this.store.transcript.length) {
      // The server did not know our old session: start over visibly instead of mixing.
      this.store.clear(true);
      this.log.textContent = "";
    }
    this.store.sessionId = id;
    requestMissed(this.connection, id, this.store.transcript); // live handover (adviser.js)
    if (!this.store.transcript.length && !this.initSent) {
      this.initSent = true;
      this.turn = this.newTurn();
      this.showTyping();
      this.connection.send(this.options.initPayload, this.metadata());
    }
  }

  onStatus(state) {
    if (state === "connected") this.setStatus("");
    else if (state === "error") { this.setStatus(T.connectError); this.hideTyping(); }
    else if (state === "reconnecting") this.setStatus(T.reconnecting);
    else if (state === "connecting" && !this.status.textContent) this.setStatus(T.connecting);
  }

  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  metadata() {
    const o = this.options;
    const meta = { channel: "web", page_url: window.location.origin + window.location.pathname };
    if (o.campaign) meta.campaign = o.campaign;
    if (o.sector) meta.sector = o.sector;
    if (o.region) meta.region = o.region;
    if (this.store.consentChoice) meta.consent = this.store.consentChoice;
    const earlier = this.store.knownSessions.filter((id) => id !== this.store.sessionId);
    if (earlier.length) meta.previous_sender_ids = earlier.slice(-9).join(",");
    return meta;
  }

  // ---------- sending ----------
  submit() {
    const text = this.input.value.trim();
    if (!text || !this.connection) return;
    this.input.value = "";
    this.sendUser(text, text);
  }

  sendUser(shownText, payload) {
    this.disableChoices();
    const entry = { who: "user", text: shownText };
    this.store.append(entry);
    this.renderEntry(entry, true);
    this.turn = this.newTurn();
    this.scrollDown();
    if (!adviserHolds(this.store.transcript)) this.showTyping(); // an adviser may be slower
    this.connection.send(payload, this.metadata());
  }

  restart() {
    if (this.connection) {
      // Close the old conversation in the tracker, then start a new session.
      this.connection.send("/restart", this.metadata());
      this.connection.close();
      this.connection = null;
    }
    this.store.clear(true);
    this.initSent = false;
    this.turn = this.newTurn();
    this.log.textContent = "";
    this.hideTyping();
    this.setStatus("");
    clearTimeout(this.announceTimer);
    this.announcer.textContent = T.restartDone;
    if (this.store.consent) {
      this.connect();
      this.input.focus();
    }
  }

  // ---------- receiving ----------
  receive(message) {
    if (!message || typeof message !== "object") return;
    // Measured by bench/bench_widget.py: time from navigation start to the first bot message.
    if (!this.firstBotAt) this.firstBotAt = performance.now();
    this.hideTyping();
    if (receiveHandover(this, message)) return; // an adviser's message (adviser.js)
    if (message.custom && message.custom.type === "erased") {
      this.erased(message.text);
      return;
    }
    const entries = [];
    if (typeof message.text === "string" && message.text.trim()) {
      const buttons = (message.quick_replies || message.buttons || [])
        .filter((b) => b && b.title)
        .map((b) => ({ title: String(b.title), payload: String(b.payload || b.title) }));
      entries.push({ who: "bot", text: message.text, buttons });
    }
    if (message.custom && typeof message.custom === "object") {
      entries.push({ who: "bot", custom: message.custom, textParts: Number(message.text_parts) || 0 });
    }
    if (message.attachment && message.attachment.payload && message.attachment.payload.src) {
      entries.push({ who: "bot", text: String(message.attachment.payload.src) });
    }
    for (const entry of entries) {
      this.store.append(entry);
      this.renderEntry(entry, true);
    }
    if (entries.length && this.panel.hidden) this.setUnread(true);
    if (entries.length) this.scheduleAnnouncement();
  }

  // ---------- one turn: scroll position and announcement ----------
  newTurn() {
    return newTurn();
  }

  noteInTurn(node, kind, detail) {
    if (!node) return;
    if (!this.turn.first || !this.turn.first.isConnected) this.turn.first = node;
    if (kind === "text") this.turn.texts.push(detail);
    if (kind === "card") this.turn.cards.push(detail);
    if (kind === "buttons") this.turn.buttons = detail;
  }

  // A long answer is read from its start: show the turn's first message at the top.
  scrollToTurn() {
    const first = this.turn.first;
    if (!first || !first.isConnected) return this.scrollDown();
    const offset = first.getBoundingClientRect().top - this.body.getBoundingClientRect().top;
    this.body.scrollTop = Math.max(0, this.body.scrollTop + offset - 8);
  }

  scheduleAnnouncement() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => this.announce(), ANNOUNCE_DELAY_MS);
  }

  announce() {
    const text = turnSummary(this.turn);
    if (text) this.announcer.textContent = text;
  }

  // A card replaces the text parts of its own message (one rendering per payload).
  replaceTextParts(count) {
    const removed = this.turn.bubbles.splice(Math.max(0, this.turn.bubbles.length - count), count);
    if (!removed.length) return;
    for (const item of removed) {
      item.node.remove();
      const at = this.turn.texts.indexOf(item.text);
      if (at >= 0) this.turn.texts.splice(at, 1);
    }
    if (this.turn.first && !this.turn.first.isConnected) this.turn.first = null;
    this.store.markReplaced(removed.length);
  }

  // The assistant erased the conversation: clear this browser too, then start afresh
  // with the privacy question. The confirmation is shown but not stored.
  erased(text) {
    this.store.clearAll();
    if (this.connection) {
      this.connection.close();
      this.connection = null;
    }
    this.initSent = false;
    this.log.textContent = "";
    if (typeof text === "string" && text.trim()) {
      const bubble = h("div", { class: "msg bot" }, [h("span", { class: "sr", text: T.bot + " " })]);
      bubble.appendChild(formatText(text));
      this.log.appendChild(bubble);
    }
    this.showConsent(false);
  }

  // ---------- rendering ----------
  restoreTranscript() {
    const items = this.store.transcript;
    items.forEach((entry) => this.renderEntry(entry, false));
    // Only the last bot message's buttons can still be used after a reload.
    const last = items[items.length - 1];
    if (!last || last.who !== "bot" || !last.buttons || !last.buttons.length) this.disableChoices();
  }

  renderEntry(entry, live) {
    if (entry.who === "adviser") {
      renderAdviser(this.log, entry);
    } else if (entry.who === "user") {
      this.log.appendChild(h("div", { class: "msg user" }, [h("span", { class: "sr", text: T.you + " " }), entry.text]));
    } else if (entry.custom) {
      const node = renderCustom(entry.custom);
      if (!node) return;
      this.labelUniquely(node);
      if (live && entry.textParts) this.replaceTextParts(entry.textParts);
      // Rasa sends text + buttons before the payload: keep the buttons under the card.
      const last = this.log.lastElementChild;
      if (last && last.classList.contains("choices")) this.log.insertBefore(node, last);
      else this.log.appendChild(node);
      if (live) this.noteInTurn(node, "card", node.dataset.summary);
    } else {
      let first = null;
      if (!entry.replaced) {
        const bubble = h("div", { class: "msg bot" }, [h("span", { class: "sr", text: T.bot + " " })]);
        bubble.appendChild(formatText(entry.text || ""));
        this.log.appendChild(bubble);
        first = bubble;
        if (live) {
          this.turn.bubbles.push({ node: bubble, text: entry.text || "" });
          this.noteInTurn(bubble, "text", entry.text || "");
        }
      }
      if (entry.buttons && entry.buttons.length) {
        const group = this.choices(entry.buttons);
        this.log.appendChild(group);
        if (live) this.noteInTurn(first || group, "buttons", entry.buttons.length);
      }
    }
    if (live) this.scrollToTurn();
  }

  // Repeated cards (routes for two professions) get distinct landmark names.
  labelUniquely(node) {
    const kind = Array.from(node.classList).find((c) => c.startsWith("card-"));
    const seen = kind ? this.log.querySelectorAll("." + kind).length : 0;
    if (seen) node.setAttribute("aria-label", fill(T.cardNumber, { title: node.getAttribute("aria-label"), n: seen + 1 }));
  }

  choices(buttons) {
    const group = h("div", { class: "choices", role: "group", "aria-label": T.choices });
    for (const b of buttons) {
      group.appendChild(h("button", { type: "button", onclick: (e) => {
        e.currentTarget.classList.add("picked");
        this.sendUser(b.title, b.payload);
        this.input.focus();
      } }, b.title));
    }
    return group;
  }

  disableChoices() {
    this.log.querySelectorAll(".choices button").forEach((button) => { button.disabled = true; });
  }

  showTyping() {
    this.typing.textContent = "";
    this.typing.appendChild(h("span", { class: "dots", "aria-hidden": "true" }, [h("span"), h("span"), h("span")]));
    this.typing.appendChild(h("span", { class: "sr", text: T.typing }));
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_TIMEOUT_MS);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typing.textContent = "";
  }

  scrollDown() {
    this.body.scrollTop = this.body.scrollHeight;
  }
}
