// The values a static reading of Python can produce, and Python's str()/repr() of them.
import { pythonRepr } from "./strings";

export type PyValue =
  | { k: "str"; v: string }
  | { k: "num"; v: number }
  | { k: "bool"; v: boolean }
  | { k: "none" }
  | { k: "seq"; kind: "tuple" | "list" | "set"; items: PyValue[] }
  | { k: "module"; name: string }
  /** An object with a str() and a few attributes (a datetime handed to a template). */
  | { k: "object"; text: string; attrs: Record<string, PyValue> }
  /** A template variable nobody passed (Mako's UNDEFINED): false, and an error if rendered. */
  | { k: "undefined"; name: string }
  | { k: "unknown"; reason: string };

export const NONE: PyValue = { k: "none" };

export function unknown(reason: string): PyValue {
  return { k: "unknown", reason };
}

export function str(v: string): PyValue {
  return { k: "str", v };
}

/** The first unknown inside a value (a tuple holding one unknown item is unknown as a whole). */
export function firstUnknown(value: PyValue): Extract<PyValue, { k: "unknown" }> | null {
  if (value.k === "unknown") return value;
  if (value.k !== "seq") return null;
  for (const item of value.items) {
    const found = firstUnknown(item);
    if (found) return found;
  }
  return null;
}

/** Python's truth value; null when it cannot be known. */
export function truthy(value: PyValue): boolean | null {
  switch (value.k) {
    case "str": return value.v !== "";
    case "num": return value.v !== 0;
    case "bool": return value.v;
    case "none": return false;
    case "seq": return value.items.length > 0;
    case "module": return true;
    case "object": return true;
    case "undefined": return false;
    default: return null;
  }
}

/** repr() as CPython prints it, for the kinds a header holds. */
export function reprOf(value: PyValue): string {
  switch (value.k) {
    case "str": return pythonRepr(value.v);
    case "num": return numberText(value.v);
    case "bool": return value.v ? "True" : "False";
    case "none": return "None";
    case "module": return `<module '${value.name}'>`;
    case "object": return value.text;
    case "undefined": return "UNDEFINED";
    case "unknown": return "<unknown>";
    case "seq": {
      const inner = value.items.map(reprOf).join(", ");
      if (value.kind === "list") return `[${inner}]`;
      if (value.kind === "set") return value.items.length === 0 ? "set()" : `{${inner}}`;
      return value.items.length === 1 ? `(${inner},)` : `(${inner})`;
    }
  }
}

/** str(): the text itself for a str, repr() for everything else. */
export function strOf(value: PyValue): string {
  return value.k === "str" ? value.v : value.k === "object" ? value.text : reprOf(value);
}

export function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const text = String(n);
  return text.includes("e") || text.includes(".") ? text : `${text}.0`;
}

export function sameValue(a: PyValue, b: PyValue): boolean {
  if (a.k !== b.k) return a.k === "num" && b.k === "bool" ? a.v === Number(b.v) : a.k === "bool" && b.k === "num" ? Number(a.v) === b.v : false;
  if (a.k === "seq" && b.k === "seq") return a.kind === b.kind && a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]));
  if (a.k === "unknown" || a.k === "module" || a.k === "object" || a.k === "undefined") return false;
  return "v" in a && "v" in b ? a.v === b.v : true;
}
