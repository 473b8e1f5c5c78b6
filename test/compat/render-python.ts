/** Renders a generated revision as a Python file in one of the many styles found in real projects. */
import type { GraphNode } from "./generate-graph";
import type { Rng } from "./prng";

export interface FileStyle {
  /** `revision: str = ...` (1.11.2+ templates) instead of `revision = ...` (1.8.1 templates). */
  typed: boolean;
  quote: "'" | '"';
  /** How a multi-parent value is written. */
  sequence: "tuple" | "list";
  /** A single parent written as `('x',)` / `['x']` instead of `'x'`. */
  singleAsSequence: boolean;
  /** How an empty down_revision is written. */
  emptyDown: "None" | "()" | "[]";
  /** Leave out `branch_labels` / `depends_on` when they are empty (pre-0.7 files). */
  omitEmptyOptional: boolean;
  /** A formatter's one-item-per-line sequences. */
  multiline: boolean;
  docstring: "full" | "short" | "single-quotes" | "none";
  /** A trailing comment after an assignment. */
  trailingComment: boolean;
}

export function randomStyle(rng: Rng): FileStyle {
  return {
    typed: rng.chance(0.4),
    quote: rng.chance(0.5) ? "'" : '"',
    sequence: rng.chance(0.6) ? "tuple" : "list",
    singleAsSequence: rng.chance(0.15),
    emptyDown: rng.chance(0.7) ? "None" : rng.chance(0.5) ? "()" : "[]",
    omitEmptyOptional: rng.chance(0.1),
    multiline: rng.chance(0.1),
    docstring: rng.chance(0.75) ? "full" : rng.pick(["short", "single-quotes", "none"] as const),
    trailingComment: rng.chance(0.05),
  };
}

export function renderPythonRevision(node: GraphNode, style: FileStyle, createDate: string, logTable: string | null): string {
  const q = (s: string) => `${style.quote}${s}${style.quote}`;
  const seq = (items: string[], empty: string): string => {
    if (items.length === 0) return empty;
    if (items.length === 1 && !style.singleAsSequence) return q(items[0]!);
    const [open, close] = style.sequence === "tuple" ? ["(", ")"] : ["[", "]"];
    if (style.multiline) return `${open}\n${items.map((i) => `    ${q(i)},\n`).join("")}${close}`;
    const oneTuple = items.length === 1 && style.sequence === "tuple" ? "," : "";
    return `${open}${items.map(q).join(", ")}${oneTuple}${close}`;
  };
  const ann = (t: string) => (style.typed ? `: ${t}` : "");
  const many = "Union[str, Sequence[str], None]";
  const comment = style.trailingComment ? "  # set by hand" : "";
  const lines: string[] = [];
  const doc = docstring(node, style, createDate);
  if (doc) lines.push(doc);
  if (style.typed) lines.push("from typing import Sequence, Union", "");
  lines.push("from alembic import op", "import sqlalchemy as sa", "", "", "# revision identifiers, used by Alembic.");
  if (!node.legacy) lines.push(`revision${ann("str")} = ${q(node.revision)}`);
  lines.push(`down_revision${ann(many)} = ${seq(node.downRevisions, style.emptyDown)}${comment}`);
  if (!(style.omitEmptyOptional && node.branchLabels.length === 0)) {
    lines.push(`branch_labels${ann(many)} = ${seq(node.branchLabels, "None")}`);
  }
  if (!(style.omitEmptyOptional && node.dependsOn.length === 0)) {
    lines.push(`depends_on${ann(many)} = ${seq(node.dependsOn, "None")}`);
  }
  const ret = style.typed ? " -> None" : "";
  const body = (direction: string) => logTable === null ? "    pass"
    : `    op.execute("INSERT INTO ${logTable} (revision, direction) VALUES ('${node.revision}', '${direction}')")`;
  lines.push("", "", `def upgrade()${ret}:`, body("up"), "", "", `def downgrade()${ret}:`, body("down"), "");
  return lines.join("\n");
}

function docstring(node: GraphNode, style: FileStyle, createDate: string): string | null {
  if (style.docstring === "none") return null;
  if (style.docstring === "short") return `"""${node.message}"""\n`;
  const quotes = style.docstring === "single-quotes" ? "'''" : '"""';
  // Alembic writes "Revises: " with a trailing space when there is no parent.
  return `${quotes}${node.message}\n\nRevision ID: ${node.revision}\nRevises: ${node.downRevisions.join(", ")}\n` +
    `Create Date: ${createDate}\n\n${quotes}\n`;
}
