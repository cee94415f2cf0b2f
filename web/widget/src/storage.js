// Per-campaign local storage, so two campaigns on one domain never mix conversations.
const PREFIX = "techniekwidget:";
const MAX_TRANSCRIPT = 300;
const MAX_SESSIONS = 10;
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;

function safeGet(key) {
  try { return window.localStorage.getItem(key); } catch (e) { return null; }
}
function safeSet(key, value) {
  try { window.localStorage.setItem(key, value); } catch (e) { /* private mode or full */ }
}
function safeRemove(key) {
  try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
}

export class Store {
  constructor(campaign, maxAgeDays) {
    this.base = PREFIX + (campaign || "default") + ":";
    this.maxAgeMs = maxAgeDays ? maxAgeDays * 24 * 3600 * 1000 : MAX_AGE_MS;
    this.expireOld();
  }
  key(name) { return this.base + name; }

  expireOld() {
    const saved = Number(safeGet(this.key("updated")) || 0);
    if (saved && Date.now() - saved > this.maxAgeMs) this.clear(true);
  }
  touch() { safeSet(this.key("updated"), String(Date.now())); }

  get consent() { return safeGet(this.key("consent")) !== null; }
  // The reading-consent choice ("ja" | "alleen_hulp"); an older stored date meant "only
  // when I ask for help", the text of the earlier notice.
  get consentChoice() {
    const value = safeGet(this.key("consent"));
    if (value === null) return null;
    return value === "ja" ? "ja" : "alleen_hulp";
  }
  giveConsent(choice) { safeSet(this.key("consent"), choice === "ja" ? "ja" : "alleen_hulp"); this.touch(); }

  get sessionId() { return safeGet(this.key("session")); }
  set sessionId(value) {
    if (value) {
      safeSet(this.key("session"), value);
      // Every id this browser used, so that an erasure also reaches conversations that
      // "Opnieuw beginnen" left behind (sent as metadata previous_sender_ids).
      const known = this.knownSessions.filter((id) => id !== value);
      known.push(value);
      safeSet(this.key("sessions"), JSON.stringify(known.slice(-MAX_SESSIONS)));
    } else {
      safeRemove(this.key("session"));
    }
    this.touch();
  }
  get knownSessions() {
    try {
      const ids = JSON.parse(safeGet(this.key("sessions")) || "[]");
      return Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [];
    } catch (e) {
      return [];
    }
  }

  get transcript() {
    try {
      const items = JSON.parse(safeGet(this.key("transcript")) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }
  append(entry) {
    const items = this.transcript;
    items.push(entry);
    safeSet(this.key("transcript"), JSON.stringify(items.slice(-MAX_TRANSCRIPT)));
    this.touch();
  }

  // The last `count` bot text entries were shown as a card instead (see Widget.replaceTextParts).
  markReplaced(count) {
    const items = this.transcript;
    let left = count;
    for (let i = items.length - 1; i >= 0 && left > 0 && items[i].who !== "user"; i--) {
      if (items[i].who === "bot" && typeof items[i].text === "string" && !items[i].custom && !items[i].replaced) {
        items[i].replaced = true;
        left--;
      }
    }
    safeSet(this.key("transcript"), JSON.stringify(items.slice(-MAX_TRANSCRIPT)));
  }

  clear(keepConsent) {
    safeRemove(this.key("session"));
    safeRemove(this.key("transcript"));
    safeRemove(this.key("updated"));
    if (!keepConsent) safeRemove(this.key("consent"));
  }

  // After an erasure: nothing of the conversation stays in this browser.
  clearAll() {
    this.clear(false);
    safeRemove(this.key("sessions"));
  }
}
