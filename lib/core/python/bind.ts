// How a module-level statement binds a name: the state of the block it is in decides whether the
// binding's value can be trusted (python-statements.ts reads the statements).
import type { Binding, Evaluation, Namespace } from "./namespace";
import type { Token } from "./tokens";

/** Whether a block's statements run when the module is imported. */
export interface BlockState {
  state: "runs" | "skipped" | "unknown" | "function";
  /** Why an "unknown" block's bindings cannot be trusted. */
  reason: string;
}

/** The chain a following elif/else/except/finally continues, per indentation depth. */
export type Chain = { kind: "if"; taken: boolean | null } | { kind: "try" } | { kind: "loop" };

export interface Reader {
  text: string;
  namespace: Namespace;
  /** Index of the next simple statement: bindings are ordered by it. */
  stmt: number;
  chains: (Chain | null)[];
  /** The evaluation `if` conditions use (made on first use: most modules have no `if`). */
  conditions: () => Evaluation;
}

/** Binds every whole name in tokens[from, to) (def/class names, for/with targets, del). */
export function bindNames(reader: Reader, tokens: Token[], from: number, to: number, block: BlockState, reason: string, stmt = reader.stmt++, kind: "unknown" | "deleted" = "unknown"): void {
  if (from < 0 || to < 0) return;
  for (let i = from + 1; i < to; i++) {
    const token = tokens[i];
    if (token.kind !== "name" || opOf(reader, tokens[i - 1]) === "." || opOf(reader, tokens[i + 1]) === "." || opOf(reader, tokens[i + 1]) === "(") continue;
    const name = wordOf(reader, token);
    if (name === "as" || name === "in") continue;
    if (kind === "deleted" && block.state === "runs") reader.namespace.bind(name, { kind: "deleted", stmt, line: token.line });
    else bind(reader, name, block, { kind: "unknown", stmt, line: token.line, reason: reason || "deleted" });
  }
}

/** Binds `name` to `binding`, or to an unknown value when the block's statements may not run as read. */
export function bind(reader: Reader, name: string, block: BlockState, binding: Binding, unknownReason?: string): void {
  if (block.state !== "runs" || unknownReason) {
    reader.namespace.bind(name, { kind: "unknown", stmt: binding.stmt, line: binding.line, reason: unknownReason ?? block.reason });
    return;
  }
  reader.namespace.bind(name, binding);
}

export function wordOf(reader: Reader, token: Token | undefined): string {
  return token && token.kind === "name" ? reader.text.slice(token.start, token.end) : "";
}

export function opOf(reader: Reader, token: Token | undefined): string {
  return token && token.kind === "op" ? reader.text.slice(token.start, token.end) : "";
}
