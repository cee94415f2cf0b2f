// Readable Dutch for contract codes and card headings. The labels are generated from the
// contract module (python -m contract.export, run by build.mjs): never edit them here.
import CONTRACT from "./contract-labels.json";

export const SLOT_LABELS = CONTRACT.slots;

// Card headings per payload type, the same words as Telegram and the route card.
export const HEADINGS = CONTRACT.card_headings;

// Profile values never collide across value sets, so one flat lookup serves the cards.
export const VALUE_LABELS = Object.assign(
  {},
  ...Object.values(CONTRACT.slot_value_set).map((kind) => CONTRACT.values[kind].short),
);

export const ROUTE_KINDS = CONTRACT.values.route_kind.short;

export function valueLabel(value) {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  if (Array.isArray(value)) return value.map(valueLabel).filter(Boolean).join(", ");
  const text = String(value);
  return Object.prototype.hasOwnProperty.call(VALUE_LABELS, text) ? VALUE_LABELS[text] : text;
}
