// Campaign colour with a text colour that keeps WCAG AA contrast (>= 4.5:1).
const FALLBACK = "#0b5394";

function channel(value) {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

function parseHex(color) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color || "").trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].split("").map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function luminance(rgb) {
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function hex(rgb) {
  return "#" + rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
}

// The campaign colour darkened until text in it reads well (4.5:1) on the panel's lightest
// greys: links and answer buttons use it, so they carry the campaign's colour legibly.
function readableOn(rgb, background) {
  let shade = rgb.slice();
  for (let step = 0; step < 40 && contrast(shade, background) < 4.5; step++) {
    shade = shade.map((v) => v * 0.9);
  }
  return shade;
}

export function theme(color) {
  const rgb = parseHex(color) || parseHex(FALLBACK);
  const white = [255, 255, 255];
  const ink = [27, 27, 27];
  const panelGrey = [244, 246, 248];
  return {
    accent: hex(rgb),
    onAccent: contrast(rgb, white) >= 4.5 ? "#ffffff" : contrast(rgb, ink) >= contrast(rgb, white) ? "#1b1b1b" : "#ffffff",
    accentText: hex(readableOn(rgb, panelGrey)),
  };
}
