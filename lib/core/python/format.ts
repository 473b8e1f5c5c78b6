// printf-style `%` formatting and format specs of constants, as CPython renders them.
import { numberText, reprOf, strOf, unknown, type PyValue } from "./value";

const CONVERSION = /%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;

/** `template % args`; unknown when a conversion or an argument is beyond a header's needs. */
export function percentFormat(template: string, args: PyValue): PyValue {
  const positional = args.k === "seq" && args.kind === "tuple" ? args.items : [args];
  let next = 0;
  let failure: PyValue | null = null;
  const text = template.replace(CONVERSION, (whole, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === "%") return "%";
    if (key !== undefined || width === "*") {
      failure = unknown(`'${whole}' formatting is not evaluated statically`);
      return "";
    }
    const value = positional[next++];
    if (!value) {
      failure = unknown("not enough arguments for format string");
      return "";
    }
    const rendered = convert(value, type, precision);
    if (rendered === null) {
      failure = unknown(`'%${type}' of ${reprOf(value)} is not evaluated statically`);
      return "";
    }
    return pad(rendered, flags, width);
  });
  if (failure) return failure;
  if (next < positional.length && !(args.k !== "seq" && next === 1)) return unknown("not all arguments converted during string formatting");
  return { k: "str", v: text };
}

function convert(value: PyValue, type: string, precision: string | undefined): string | null {
  if (type === "s") return strOf(value);
  if (type === "r" || type === "a") return reprOf(value);
  const n = value.k === "num" ? value.v : value.k === "bool" ? Number(value.v) : null;
  if (n === null) return null;
  if ("diu".includes(type)) return Number.isInteger(n) || type !== "c" ? String(Math.trunc(n)) : null;
  if (type === "x" || type === "X") return Number.isInteger(n) ? (type === "x" ? n.toString(16) : n.toString(16).toUpperCase()) : null;
  if (type === "o") return Number.isInteger(n) ? n.toString(8) : null;
  if (type === "f" || type === "F") return n.toFixed(precision === undefined ? 6 : Number(precision));
  return null;
}

function pad(text: string, flags: string, width: string | undefined): string {
  const size = width ? Number(width) : 0;
  if (text.length >= size) return text;
  if (flags.includes("-")) return text.padEnd(size);
  if (flags.includes("0") && /^-?\d/.test(text)) {
    const negative = text.startsWith("-");
    return (negative ? "-" : "") + text.slice(negative ? 1 : 0).padStart(size - (negative ? 1 : 0), "0");
  }
  return text.padStart(size);
}

/** format(value, spec) for the spec forms seen in headers: fill/align/width, 0-padding, d/s/x. */
export function formatSpec(value: PyValue, spec: string): PyValue {
  if (spec === "") return { k: "str", v: strOf(value) };
  const match = /^(?:(.)?([<>^]))?(0)?(\d+)?([dsx])?$/.exec(spec);
  if (!match) return unknown(`format spec '${spec}' is not evaluated statically`);
  const [, fill = " ", align, zero, width, type] = match;
  const isNumber = value.k === "num";
  if ((type === "d" || type === "x") && !isNumber) return unknown(`format spec '${spec}' needs a number`);
  let text = type === "x" && value.k === "num" ? value.v.toString(16) : value.k === "num" ? numberText(value.v) : strOf(value);
  const size = width ? Number(width) : 0;
  if (text.length < size) {
    const side = align ?? (isNumber ? ">" : "<");
    const filler = zero && !align ? "0" : fill;
    const gap = size - text.length;
    if (side === "<") text += filler.repeat(gap);
    else if (side === ">") text = filler.repeat(gap) + text;
    else text = filler.repeat(Math.floor(gap / 2)) + text + filler.repeat(Math.ceil(gap / 2));
  }
  return { k: "str", v: text };
}
