// Entry point: one script tag embeds the assistant (conversation-contract.md section 5).
//   <script src="https://HOST/widget.js" data-campaign="metaal-2026" data-sector="metaal"
//           data-region="gelderland" defer></script>
import { Widget } from "./widget.js";

const script = document.currentScript || document.querySelector("script[src*='widget.js']");

// Performance marks let benchmarks see where start-up time goes.
export function mark(name) {
  if (window.performance && performance.mark) performance.mark(name);
}

function attr(name) {
  const value = script && script.getAttribute("data-" + name);
  return value && value.trim() ? value.trim() : null;
}

async function socketConfig() {
  const url = attr("socket-url");
  if (url) return { socket_url: url, socket_path: attr("socket-path") || "/socket.io/" };
  const response = await fetch(new URL("widget-config.json", script.src).href, { credentials: "omit" });
  if (!response.ok) throw new Error("widget config " + response.status);
  return response.json();
}

async function start() {
  if (!script || window.__techniekWidgetLoaded) return;
  window.__techniekWidgetLoaded = true;
  mark("tw:script");
  const config = await socketConfig();
  mark("tw:config");
  window.techniekWidget = new Widget({
    campaign: attr("campaign"),
    sector: attr("sector"),
    region: attr("region"),
    color: attr("color"),
    greeting: attr("greeting"),
    title: attr("title"),
    launcherText: attr("launcher-text"),
    privacyUrl: attr("privacy-url"),
    initPayload: attr("init-payload") || "/greet",
    open: attr("open") === "true",
    socketUrl: config.socket_url,
    socketPath: config.socket_path || "/socket.io/",
    retentionDays: Number(config.retention_days) || 90,
  });
}

function boot() {
  start().catch((error) => console.error("Techniek-widget kon niet starten:", error));
}

if (document.body) boot();
else document.addEventListener("DOMContentLoaded", boot);
