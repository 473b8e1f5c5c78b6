/** Compares one operation's Alembic and Retort outcomes; refusals are matched by meaning. */
import type { RevisionErrorCode } from "../../lib/core/types";
import { describeOperation, type Operation, type Outcome } from "./operations";

/** Alembic's message → the Retort codes that mean the same refusal (alembic-semantics §8). */
const REFUSALS: [RegExp, RevisionErrorCode[]][] = [
  [/^Multiple head revisions are present/, ["multiple-heads"]],
  [/^Multiple heads are present/, ["multiple-heads"]],
  [/overlaps with other requested revisions/, ["overlap"]],
  [/^Can't locate revision identified by/, ["unknown-revision", "ambiguous-revision", "not-a-member", "no-such-branch"]],
  [/is not a valid downgrade target from current head|^Not a valid downgrade target from current heads/, ["invalid-downgrade-target"]],
  [/^Relative revision [+-]?\d+ didn't produce \d+ migrations/, ["relative-out-of-range"]],
  [/^Ambiguous walk/, ["ambiguous-walk"]],
  [/^Ambiguous upgrade from multiple current revisions/, ["ambiguous-upgrade"]],
  [/^Walked too far/, ["walked-too-far"]],
  [/is not an ancestor of revision/, ["not-an-ancestor"]],
];

export function expectedCodes(alembicMessage: string): RevisionErrorCode[] | null {
  return REFUSALS.find(([pattern]) => pattern.test(alembicMessage))?.[1] ?? null;
}

export type Verdict =
  | { kind: "agree" }
  /**
   * Same steps and rows, in another order, and a step has 2+ depends_on: Alembic orders those
   * parents by Python set order (`tuple(set(...))` in _normalize_depends_on), so its own order
   * changes with PYTHONHASHSEED and no implementation can match it run for run.
   */
  | { kind: "set-order"; detail: string }
  /** Alembic crashed (KeyError, AssertionError…); Retort's answer is recorded, not judged. */
  | { kind: "alembic-crash"; detail: string }
  | { kind: "mismatch"; reason: string };

export interface CompareContext {
  /** Revisions with 2+ depends_on entries (their parents' order comes from a Python set). */
  setOrdered?: ReadonlySet<string>;
}

export function compareOutcomes(op: Operation, alembic: Outcome, retort: Outcome, context: CompareContext = {}): Verdict {
  if (!alembic.ok && alembic.kind === "crash") {
    if (!retort.ok && retort.kind === "crash") return { kind: "mismatch", reason: "Alembic crashed and Retort threw instead of refusing" };
    return { kind: "alembic-crash", detail: `${alembic.errorClass}: ${alembic.message} | Retort: ${show(retort)}` };
  }
  if (!alembic.ok) {
    if (retort.ok) return { kind: "mismatch", reason: "Alembic refused, Retort planned" };
    if (retort.kind === "crash") return { kind: "mismatch", reason: "Retort threw" };
    const codes = expectedCodes(alembic.message);
    if (codes === null) return { kind: "mismatch", reason: "Alembic refusal with no known Retort code" };
    if (!codes.includes(retort.code as RevisionErrorCode)) {
      return { kind: "mismatch", reason: `refusal codes differ: expected one of ${codes.join(", ")}` };
    }
    return { kind: "agree" };
  }
  if (!retort.ok) return { kind: "mismatch", reason: retort.kind === "crash" ? "Retort threw" : "Retort refused, Alembic ran" };
  if ("heads" in alembic || "heads" in retort) {
    if (!("heads" in alembic && "heads" in retort)) return { kind: "mismatch", reason: "result kinds differ" };
    if (!sameList(alembic.heads, retort.heads)) return { kind: "mismatch", reason: "heads differ (order matters)" };
    if (!sameList(alembic.realHeads, retort.realHeads)) return { kind: "mismatch", reason: "real heads differ" };
    return { kind: "agree" };
  }
  if (!("steps" in retort)) return { kind: "mismatch", reason: "result kinds differ" };
  // Stamp: only final rows (Alembic's intermediate SQL depends on Python set order, §5).
  if (!sameList([...alembic.rows].sort(), [...retort.rows].sort())) return { kind: "mismatch", reason: "final rows differ" };
  if (op.kind === "stamp") return { kind: "agree" };
  const [a, r] = [alembic.steps.map(stepText), retort.steps.map(stepText)];
  if (sameList(a, r)) return { kind: "agree" };
  const setOrdered = context.setOrdered ?? new Set<string>();
  if (sameList([...a].sort(), [...r].sort()) && alembic.steps.some((s) => setOrdered.has(s.revision))) {
    return { kind: "set-order", detail: `${describeOperation(op)}: order differs around ${alembic.steps.filter((s) => setOrdered.has(s.revision)).map((s) => s.revision).join(", ")}` };
  }
  return { kind: "mismatch", reason: "executed steps differ (order matters)" };
}

export function mismatchReport(args: { seed: number; size: number; op: Operation; alembic: Outcome; retort: Outcome; reason: string }): string {
  return [
    `compat mismatch (seed ${args.seed}, size ${args.size}): ${args.reason}`,
    `  operation: ${describeOperation(args.op)}`,
    `  alembic:   ${show(args.alembic)}`,
    `  retort:    ${show(args.retort)}`,
  ].join("\n");
}

export function show(outcome: Outcome): string {
  if (!outcome.ok) return `${outcome.kind} ${outcome.code ?? outcome.errorClass ?? ""}: ${outcome.message.split("\n")[0]}`;
  if ("heads" in outcome) return `heads [${outcome.heads.join(", ")}] real [${outcome.realHeads.join(", ")}]`;
  return `steps [${outcome.steps.map(stepText).join(", ")}] rows [${[...outcome.rows].sort().join(", ")}]`;
}

function stepText(s: { revision: string; direction: string }): string {
  return `${s.revision}:${s.direction}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
