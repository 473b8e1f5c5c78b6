// Targets of upgrade and downgrade, including the relative forms `[label@][symbol](+|-)N` that only
// those commands understand (RevisionMap._parse_upgrade_target / _parse_downgrade_target, §3.6).
import { RevisionError, toResult } from "../errors";
import { filterForLineage, resolveRows, resolveSingle, resolveTargets, walk, type WalkEnd } from "./resolve";
import type { RevisionMap } from "../graph/revision-map";
import { branchTips } from "../graph/traverse";
import type { Result } from "../types";

/** Python's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)` with re.match: anchored at the start only. */
const RELATIVE = /^(?:(.+?)@)?([\p{L}\p{N}_]+)?([+-]\d+)/u;

export interface RelativeForm {
  label: string | null;
  symbol: string | null;
  /** The signed number as typed, e.g. "+2" (Alembic prints it in its messages). */
  written: string;
  steps: number;
}

export function parseRelative(target: string): RelativeForm | null {
  const match = RELATIVE.exec(target);
  if (!match) return null;
  const [, label, symbol, written] = match;
  return { label: label || null, symbol: symbol || null, written, steps: Number.parseInt(written, 10) };
}

export function didNotProduce(written: string | number, steps: number, hint = ""): RevisionError {
  const message = `Relative revision ${written} didn't produce ${Math.abs(steps)} migrations${hint}`;
  return new RevisionError("relative-out-of-range", message);
}

function walkedTooFar(): RevisionError {
  return new RevisionError("walked-too-far", "Walked too far");
}

/** The revisions an `upgrade <target>` aims at. `notes` say where Retort did better than a crash. */
export function resolveUpgradeTarget(map: RevisionMap, target: string, rows: readonly string[]): { targets: string[]; notes: string[] } {
  const form = parseRelative(target);
  if (!form) return { targets: resolveTargets(map, target), notes: [] };
  if (form.steps > 0) {
    const end = form.symbol === null ? walkUpFromRows(map, form, rows) : walk(map, resolveSingle(map, form.symbol), form.steps, form.label);
    // Alembic returns None here and then fails an assertion; "Walked too far" is its own word for it.
    if (end.kind !== "revision") throw form.symbol === null ? didNotProduce(form.written, form.steps) : walkedTooFar();
    return { targets: [end.id], notes: [] };
  }
  if (form.symbol === null) throw didNotProduce(form.steps, form.steps);
  const start = resolveSingle(map, form.label ? `${form.label}@${form.symbol}` : form.symbol);
  const end = walk(map, start, form.steps, null);
  if (end.kind === "off-graph") throw walkedTooFar();
  if (end.kind === "base") {
    const note = `'${target}' walks below the first revision, i.e. to base: nothing to upgrade (Alembic fails with an AssertionError here)`;
    return { targets: [], notes: [note] };
  }
  return { targets: [end.id], notes: [] };
}

/** `+N` / `label@+N`: from the single current row (on the label's branch), or from base. */
function walkUpFromRows(map: RevisionMap, form: RelativeForm, rows: readonly string[]): WalkEnd {
  let starts: Array<string | null> = rows.length > 0 ? [...rows] : [null];
  if (form.label) {
    const known = resolveRows(map, rows);
    starts = filterForLineage(map, known, form.label);
    if (starts.length === 0) {
      // No row is on the branch: start from the nearest applied revisions on it, else from base.
      const active = filterForLineage(map, [...map.ancestors(known)], form.label);
      const below = new Set(active.flatMap((id) => map.parentsOf(id)));
      starts = active.filter((id) => !below.has(id));
      if (starts.length === 0) starts = [null];
    }
  }
  if (starts.length > 1) {
    throw new RevisionError("ambiguous-upgrade", "Ambiguous upgrade from multiple current revisions", starts.filter((s) => s !== null));
  }
  const start = starts[0] === null ? null : resolveRows(map, [starts[0]])[0];
  return walk(map, start, form.steps, form.label);
}

/**
 * The destination of a `downgrade <target>`: an optional label narrowing the roots (§4.4) and the
 * target revision, null for base. An unlabelled `-N` walks down from the first row the DB returned.
 */
export function resolveDowngradeTarget(
  map: RevisionMap,
  target: string,
  rows: readonly string[],
): { label: string | null; revision: string | null; notes: string[] } {
  const form = parseRelative(target);
  if (!form) {
    // Absolute: the label is everything before the *last* `@`, and only narrows the roots.
    const at = target.lastIndexOf("@");
    const label = at >= 0 ? target.slice(0, at) || null : null;
    return { label, revision: resolveSingle(map, at >= 0 ? target.slice(at + 1) : target), notes: [] };
  }
  if (form.steps >= 0) {
    if (form.symbol === null) throw didNotProduce(form.written, form.steps);
    const end = walk(map, resolveSingle(map, form.symbol), form.steps, form.label);
    if (end.kind === "off-graph") throw walkedTooFar();
    return { label: form.label, revision: end.kind === "revision" ? end.id : null, notes: [] };
  }
  const notes: string[] = [];
  let { label, symbol } = form;
  if (symbol === null) {
    if (label) {
      symbol = currentRowOnBranch(map, label, rows, form);
    } else {
      if (rows.length === 0) throw didNotProduce(form.written, form.steps);
      if (new Set(rows).size > 1) {
        notes.push(`Alembic warns: downgrade ${form.written} from multiple heads is ambiguous; this usage will be disallowed in a future release (walked down from ${rows[0]}, the first row)`);
      }
      symbol = rows[0];
      label = symbol;
    }
  }
  const end = walk(map, resolveSingle(map, label === null ? symbol : `${label}@${symbol}`), form.steps, null);
  if (end.kind === "off-graph") throw form.symbol === null ? didNotProduce(form.written, form.steps) : walkedTooFar();
  return { label, revision: end.kind === "revision" ? end.id : null, notes };
}

/** `label@-N`: the one row (or implied dependency) on the label's branch. */
function currentRowOnBranch(map: RevisionMap, label: string, rows: readonly string[], form: RelativeForm): string {
  const known = resolveRows(map, rows);
  let onBranch = filterForLineage(map, known, label);
  if (onBranch.length === 0) onBranch = filterForLineage(map, branchTips(map, known), label);
  // Alembic asserts exactly one here; say what went wrong instead.
  if (onBranch.length === 0) throw didNotProduce(form.written, form.steps, ` (no current revision is on branch '${label}')`);
  if (onBranch.length > 1) {
    throw new RevisionError("ambiguous-walk", `Ambiguous walk (current revisions ${onBranch.join(", ")} are all on branch '${label}')`, onBranch);
  }
  return onBranch[0];
}

/** What `ident` names for a command, relative forms included: a UI preview of the destination. */
export function resolveForCommand(
  map: RevisionMap,
  ident: string,
  opts: { rows: readonly string[]; direction: "up" | "down" },
): Result<string[]> {
  return toResult(() => {
    if (opts.direction === "up") return resolveUpgradeTarget(map, ident, opts.rows).targets;
    const { revision } = resolveDowngradeTarget(map, ident, opts.rows);
    return revision === null ? [] : [revision];
  });
}
