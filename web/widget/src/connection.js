// Socket.IO connection to Rasa's socket.io channel (session persistence protocol).
import { io } from "socket.io-client";

export class Connection {
  constructor({ url, path, sessionId, onMessage, onSession, onStatus }) {
    this.sessionId = sessionId || null;
    this.confirmed = false;
    this.queue = [];
    this.onMessage = onMessage;
    this.onSession = onSession;
    this.onStatus = onStatus;
    this.socket = io(url, {
      path: path || "/socket.io/",
      transports: ["polling", "websocket"],
      reconnectionDelayMax: 10000,
      timeout: 10000,
    });
    this.socket.on("connect", () => {
      if (window.performance && performance.mark) performance.mark("tw:connected");
      this.confirmed = false;
      this.onStatus("connecting");
      this.socket.emit("session_request", { session_id: this.sessionId });
    });
    this.socket.on("session_confirm", (data) => {
      const id = data && typeof data === "object" ? data.session_id : data;
      const isNew = id !== this.sessionId;
      this.sessionId = id;
      this.confirmed = true;
      this.onStatus("connected");
      this.onSession(id, isNew);
      const pending = this.queue.splice(0);
      pending.forEach((item) => this.emitMessage(item.text, item.metadata));
    });
    this.socket.on("bot_uttered", (message) => this.onMessage(message));
    this.socket.on("connect_error", () => this.onStatus("error"));
    this.socket.on("disconnect", (reason) => {
      this.confirmed = false;
      if (reason !== "io client disconnect") this.onStatus("reconnecting");
    });
  }

  emitMessage(text, metadata) {
    this.socket.emit("user_uttered", {
      message: text,
      session_id: this.sessionId,
      customData: metadata,
    });
  }

  send(text, metadata) {
    if (this.confirmed) this.emitMessage(text, metadata);
    else this.queue.push({ text, metadata });
  }

  close() {
    this.socket.off();
    this.socket.disconnect();
  }
}
