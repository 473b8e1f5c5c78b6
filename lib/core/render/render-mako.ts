// Renders a project's script.py.mako the way `alembic revision` does, for the part of Mako that
// revision templates use: ${expr} (with `| filters`), % if / % for control lines, ## comments,
// <%doc>, and `\` line joins. Expressions are evaluated statically (python-eval.ts); a template
// that needs more (a <% %> Python block, a call Retort does not know) is refused, never guessed.
import { evaluate, type Scope } from "../python/eval";
import { parseExpression } from "../python/expr";
import { firstUnknown, strOf, truthy, unknown, type PyValue } from "../python/value";

export type MakoResult = { ok: true; text: string } | { ok: false; message: string };

interface Frame {
  /** Whether the current branch's lines are written. */
  active: boolean;
  /** Whether an earlier branch of this if/elif chain was taken. */
  taken: boolean;
  parentActive: boolean;
}

/** `variables` are the template's arguments; `filters` the functions `| name` may apply (e.g. comma). */
export function renderMako(template: string, variables: Record<string, PyValue>, filters: Record<string, (value: PyValue) => PyValue> = {}): MakoResult {
  if (/<%(?!doc>|\/doc>)/.test(template.replace(/<%doc>[\s\S]*?<\/%doc>/g, ""))) {
    return { ok: false, message: "script.py.mako contains a Python block or tag (<% … %>), which Retort does not run" };
  }
  const scope: Scope = {
    lookup: (name) => (Object.hasOwn(variables, name) ? variables[name] : { k: "undefined", name }),
    attribute: (module, attr) => unknown(`${module}.${attr} is not available to templates`),
  };
  const text = template.replace(/<%doc>[\s\S]*?<\/%doc>\n?/g, "").replace(/\\\r?\n/g, "");
  const out: string[] = [];
  const stack: Frame[] = [];
  const active = () => stack.every((frame) => frame.active);
  for (const line of text.split(/(?<=\n)/)) {
    const control = /^\s*%(?!%)\s*(.*?)\s*$/.exec(line);
    if (control) {
      const failure = controlLine(control[1], stack, scope, active());
      if (failure) return { ok: false, message: failure };
      continue;
    }
    if (/^\s*##/.test(line) || !active()) continue;
    const rendered = renderLine(line.replace(/^(\s*)%%/, "$1%"), scope, filters);
    if (!rendered.ok) return rendered;
    out.push(rendered.text);
  }
  if (stack.length > 0) return { ok: false, message: "script.py.mako has a % if without % endif" };
  return { ok: true, text: out.join("") };
}

function controlLine(body: string, stack: Frame[], scope: Scope, active: boolean): string | null {
  const [keyword] = /^\w+/.exec(body) ?? [""];
  const condition = body.replace(/^\w+/, "").replace(/:$/, "").trim();
  const test = (): boolean | string => {
    const value = evaluate(parseExpression(condition), scope);
    const bad = firstUnknown(value);
    if (bad) return `script.py.mako: \`% ${body}\` cannot be evaluated (${bad.reason})`;
    return truthy(value) ?? false;
  };
  if (keyword === "if") {
    const result = active ? test() : false;
    if (typeof result === "string") return result;
    stack.push({ active: result, taken: result, parentActive: active });
  } else if (keyword === "elif" || keyword === "else") {
    const frame = stack[stack.length - 1];
    if (!frame) return `script.py.mako: % ${keyword} without % if`;
    const result = !frame.parentActive || frame.taken ? false : keyword === "else" ? true : test();
    if (typeof result === "string") return result;
    frame.active = result;
    frame.taken ||= result;
  } else if (keyword === "endif") {
    if (!stack.pop()) return "script.py.mako: % endif without % if";
  } else {
    return `script.py.mako uses \`% ${body}\`, which Retort does not render`;
  }
  return null;
}

function renderLine(line: string, scope: Scope, filters: Record<string, (value: PyValue) => PyValue>): MakoResult {
  let out = "";
  let at = 0;
  while (at < line.length) {
    const start = line.indexOf("${", at);
    if (start < 0) break;
    const end = expressionEnd(line, start + 2);
    if (end < 0) return { ok: false, message: `script.py.mako: unterminated \${ in ${JSON.stringify(line.trim())}` };
    out += line.slice(at, start);
    const rendered = renderExpression(line.slice(start + 2, end), scope, filters);
    if (!rendered.ok) return rendered;
    out += rendered.text;
    at = end + 1;
  }
  return { ok: true, text: out + line.slice(at) };
}

/** The `}` closing `${`, skipping braces inside strings and nested brackets. */
function expressionEnd(line: string, from: number): number {
  let depth = 0;
  let quote = "";
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "{" || c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `expr | f1,f2`: filters left to right; `n` turns off the default str() (Mako's default_filters). */
function renderExpression(source: string, scope: Scope, filters: Record<string, (value: PyValue) => PyValue>): MakoResult {
  const bar = topLevelBar(source);
  const names = bar < 0 ? [] : source.slice(bar + 1).split(",").map((name) => name.trim()).filter(Boolean);
  let value = evaluate(parseExpression(bar < 0 ? source : source.slice(0, bar)), scope);
  for (const name of names) {
    if (name === "n" || name === "str") continue;
    const filter = filters[name];
    if (!filter) return { ok: false, message: `script.py.mako applies the filter '${name}', which Retort does not know` };
    value = filter(value);
  }
  if (value.k === "undefined") return { ok: false, message: `script.py.mako renders \${${source.trim()}}, which \`alembic revision\` leaves undefined (Mako fails on it too: NameError: Undefined)` };
  const bad = firstUnknown(value);
  if (bad) return { ok: false, message: `script.py.mako: \${${source.trim()}} cannot be rendered by Retort (${bad.reason})` };
  return { ok: true, text: strOf(value) };
}

function topLevelBar(source: string): number {
  let quote = "";
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "|" && depth === 0) return i;
  }
  return -1;
}
