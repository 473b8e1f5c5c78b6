// Evaluates the constant part of Python expressions: what Alembic would compute when it imports a
// revision file, for strings, tuples and the operators headers use. Anything that would run user
// code (calls other than a few pure builtins, attribute access on values) is "unknown".
import type { Expr } from "./expr";
import { formatSpec, percentFormat } from "./format";
import { NONE, firstUnknown, reprOf, sameValue, strOf, truthy, unknown, type PyValue } from "./value";

export interface Scope {
  /** The value a module-level name has at this point of the module. */
  lookup(name: string): PyValue;
  /** `module.attr`: a constant of another module, or a submodule. */
  attribute(module: string, attr: string): PyValue;
}

export function evaluate(expr: Expr, scope: Scope): PyValue {
  switch (expr.t) {
    case "str": return { k: "str", v: expr.value };
    case "num": return { k: "num", v: expr.value };
    case "const": return expr.value === null ? NONE : { k: "bool", v: expr.value };
    case "bytes": return unknown("a bytes literal is not a str");
    case "name": return scope.lookup(expr.id);
    case "fstring": return fstring(expr.parts, scope);
    case "seq": return { k: "seq", kind: expr.kind, items: expr.items.map((item) => evaluate(item, scope)) };
    case "attr": {
      const base = evaluate(expr.value, scope);
      if (base.k === "module") return scope.attribute(base.name, expr.attr);
      if (base.k === "object" && Object.hasOwn(base.attrs, expr.attr)) return base.attrs[expr.attr];
      return base.k === "unknown" ? base : unknown(`attribute '${expr.attr}' of ${reprOf(base)} is not evaluated statically`);
    }
    case "bin": return binary(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case "unary": return unaryOp(expr.op, evaluate(expr.operand, scope));
    case "bool": return booleanOp(expr, scope);
    case "cmp": return compare(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case "cond": {
      const test = truthy(evaluate(expr.test, scope));
      if (test === null) return unknown("the condition of an `x if c else y` cannot be evaluated statically");
      return evaluate(test ? expr.body : expr.orelse, scope);
    }
    case "subscript": return subscript(evaluate(expr.value, scope), evaluate(expr.index, scope));
    case "call": return call(expr, scope);
    case "unsupported": return unknown(`\`${expr.source.length > 60 ? expr.source.slice(0, 57) + "..." : expr.source}\` is not evaluated statically`);
  }
}

function fstring(parts: (string | { expr: Expr; conversion: "r" | "s" | null; spec: string })[], scope: Scope): PyValue {
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const value = evaluate(part.expr, scope);
    const bad = firstUnknown(value);
    if (bad) return bad;
    const converted = part.conversion === "r" ? { k: "str" as const, v: reprOf(value) } : part.conversion === "s" ? { k: "str" as const, v: strOf(value) } : value;
    const formatted = formatSpec(converted, part.spec);
    if (formatted.k !== "str") return formatted;
    text += formatted.v;
  }
  return { k: "str", v: text };
}

function binary(op: string, left: PyValue, right: PyValue): PyValue {
  const bad = firstUnknown(left) ?? firstUnknown(right);
  if (bad) return bad;
  if (op === "+") {
    if (left.k === "str" && right.k === "str") return { k: "str", v: left.v + right.v };
    if (left.k === "num" && right.k === "num") return { k: "num", v: left.v + right.v };
    if (left.k === "seq" && right.k === "seq" && left.kind === right.kind && left.kind !== "set") return { k: "seq", kind: left.kind, items: [...left.items, ...right.items] };
  }
  if (op === "%" && left.k === "str") return percentFormat(left.v, right);
  if (op === "*") {
    const [text, count] = left.k === "num" ? [right, left.v] : [left, right.k === "num" ? right.v : NaN];
    if (Number.isInteger(count) && count >= 0 && count <= 1000) {
      if (text.k === "str") return { k: "str", v: text.v.repeat(count) };
      if (text.k === "seq" && text.kind !== "set") return { k: "seq", kind: text.kind, items: Array.from({ length: count }, () => text.items).flat() };
    }
  }
  if (left.k === "num" && right.k === "num" && op === "-") return { k: "num", v: left.v - right.v };
  return unknown(`${reprOf(left)} ${op} ${reprOf(right)} is not evaluated statically`);
}

function unaryOp(op: string, operand: PyValue): PyValue {
  if (operand.k === "unknown") return operand;
  if (op === "not") {
    const value = truthy(operand);
    return value === null ? unknown("`not` of a value that cannot be evaluated") : { k: "bool", v: !value };
  }
  if (operand.k === "num" && (op === "-" || op === "+")) return { k: "num", v: op === "-" ? -operand.v : operand.v };
  return unknown(`${op}${reprOf(operand)} is not evaluated statically`);
}

/** `and`/`or` return one of their operands, and stop early, as in Python. */
function booleanOp(expr: Extract<Expr, { t: "bool" }>, scope: Scope): PyValue {
  const left = evaluate(expr.left, scope);
  const test = truthy(left);
  if (test === null) return left.k === "unknown" ? left : unknown(`\`${expr.op}\` of a value that cannot be evaluated`);
  if (expr.op === "and") return test ? evaluate(expr.right, scope) : left;
  return test ? left : evaluate(expr.right, scope);
}

function compare(op: string, left: PyValue, right: PyValue): PyValue {
  const bad = firstUnknown(left) ?? firstUnknown(right);
  if (bad) return bad;
  if (op === "==" || op === "!=") return { k: "bool", v: sameValue(left, right) === (op === "==") };
  if (op === "is" || op === "is not") {
    if (left.k !== "none" && right.k !== "none" && left.k !== "bool" && right.k !== "bool") return unknown("`is` between values is not evaluated statically");
    return { k: "bool", v: sameValue(left, right) === (op === "is") };
  }
  if ((op === "in" || op === "not in") && right.k === "seq") {
    return { k: "bool", v: right.items.some((item) => sameValue(item, left)) === (op === "in") };
  }
  if ((op === "in" || op === "not in") && right.k === "str" && left.k === "str") return { k: "bool", v: right.v.includes(left.v) === (op === "in") };
  return unknown(`comparison \`${op}\` is not evaluated statically`);
}

function subscript(value: PyValue, index: PyValue): PyValue {
  const bad = firstUnknown(value) ?? firstUnknown(index);
  if (bad) return bad;
  if (index.k !== "num" || !Number.isInteger(index.v)) return unknown("only integer subscripts are evaluated statically");
  const items = value.k === "str" ? [...value.v].map((c) => ({ k: "str" as const, v: c })) : value.k === "seq" && value.kind !== "set" ? value.items : null;
  if (!items) return unknown(`subscript of ${reprOf(value)} is not evaluated statically`);
  const at = index.v < 0 ? items.length + index.v : index.v;
  return items[at] ?? unknown(`index ${index.v} is out of range`);
}

/** The pure builtins headers use: str(), repr(), tuple(), list(), "sep".join(...), "...".format(...). */
function call(expr: Extract<Expr, { t: "call" }>, scope: Scope): PyValue {
  const args = expr.args.map((arg) => evaluate(arg, scope));
  const bad = args.map(firstUnknown).find((found) => found !== null);
  if (bad) return bad;
  if (expr.func.t === "name" && args.length <= 1) {
    const [arg] = args;
    switch (expr.func.id) {
      case "str": return { k: "str", v: arg ? strOf(arg) : "" };
      case "repr": return arg ? { k: "str", v: reprOf(arg) } : unknown("repr() needs an argument");
      case "tuple":
      case "list":
        if (!arg) return { k: "seq", kind: expr.func.id, items: [] };
        if (arg.k === "seq") return { k: "seq", kind: expr.func.id, items: arg.items };
        if (arg.k === "str") return { k: "seq", kind: expr.func.id, items: [...arg.v].map((c) => ({ k: "str" as const, v: c })) };
    }
  }
  if (expr.func.t === "attr") {
    const receiver = evaluate(expr.func.value, scope);
    if (receiver.k === "str") return stringMethod(receiver.v, expr.func.attr, args);
  }
  return unknown("a function call is not evaluated statically");
}

function stringMethod(text: string, method: string, args: PyValue[]): PyValue {
  if (method === "join" && args.length === 1 && args[0].k === "seq" && args[0].items.every((item) => item.k === "str")) {
    return { k: "str", v: args[0].items.map((item) => (item as { v: string }).v).join(text) };
  }
  if (method === "format" && /^[^{}]*(?:(?:\{\}|\{\{|\}\})[^{}]*)*$/.test(text)) {
    let next = 0;
    const out = text.replace(/\{\}|\{\{|\}\}/g, (token) => (token === "{}" ? strOf(args[next++] ?? NONE) : token[0]));
    return next === args.length ? { k: "str", v: out } : unknown("str.format() arguments do not match the fields");
  }
  if ((method === "upper" || method === "lower" || method === "strip") && args.length === 0) {
    return { k: "str", v: method === "upper" ? text.toUpperCase() : method === "lower" ? text.toLowerCase() : text.trim() };
  }
  return unknown(`str.${method}() is not evaluated statically`);
}
