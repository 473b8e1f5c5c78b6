// Writes new revision files (merges) exactly as Alembic's script.py.mako would (§6).
import type { DateParts } from "../files/slug";
import { pythonRepr } from "../python/strings";
import { strOf, type PyValue } from "../python/value";
import { renderMako, type MakoResult } from "./render-mako";

export interface RevisionFileFields {
  revision: string;
  /** Parents in the order given; one parent is written as a plain string (§6). */
  downRevisions: string[];
  /** null → "empty message", as Alembic writes when -m is omitted. */
  message: string | null;
  branchLabels: string[];
  dependsOn: string[];
  /** Written verbatim after "Create Date:"; Alembic writes str(datetime.now()). */
  createDate: string;
}

export interface AlembicRevisionFields extends RevisionFileFields {
  /** "modern": the annotated 1.11.2+ template (1.19); "legacy": Alembic 1.8.1's. */
  style: "modern" | "legacy";
}

export interface SqlRevisionFields extends RevisionFileFields {
  up?: string;
  down?: string;
  transactional?: boolean;
}

export function renderAlembicRevision(fields: AlembicRevisionFields): string {
  const modern = fields.style === "modern";
  const annotation = modern ? ": Union[str, Sequence[str], None]" : "";
  const header = [
    `"""${docstringText(fields.message ?? "empty message")}`,
    "",
    `Revision ID: ${docstringText(fields.revision)}`,
    // format_as_comma: "Revises: " keeps its trailing space for a base.
    `Revises: ${docstringText(fields.downRevisions.join(", "))}`,
    `Create Date: ${docstringText(fields.createDate)}`,
    "",
    '"""',
  ];
  const imports = modern ? ["from typing import Sequence, Union", "", "from alembic import op", "import sqlalchemy as sa"] : ["from alembic import op", "import sqlalchemy as sa"];
  const body = [
    "",
    "",
    "# revision identifiers, used by Alembic.",
    `revision${modern ? ": str" : ""} = ${pythonRepr(fields.revision)}`,
    `down_revision${annotation} = ${scalarOrTuple(fields.downRevisions)}`,
    `branch_labels${annotation} = ${labelsRepr(fields.branchLabels)}`,
    `depends_on${annotation} = ${scalarOrList(fields.dependsOn)}`,
    "",
    "",
    "def upgrade() -> None:",
    ...(modern ? ['    """Upgrade schema."""'] : []),
    "    pass",
    "",
    "",
    "def downgrade() -> None:",
    ...(modern ? ['    """Downgrade schema."""'] : []),
    "    pass",
    "",
  ];
  return [...header, ...imports, ...body].join("\n");
}

/**
 * Alembic pastes the message raw into the docstring, so `"""` or a trailing backslash would end
 * it early; escape what the Python tokenizer would misread so __doc__ reads back unchanged.
 */
function docstringText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\\/g, "\\\\")
    .replace(/"""/g, '\\"\\"\\"')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (char) => "\\x" + char.charCodeAt(0).toString(16).padStart(2, "0"));
}

/** tuple_rev_as_scalar: none → None, one → 'a', more → ('a', 'b'). */
function scalarOrTuple(ids: string[]): string {
  if (ids.length === 0) return "None";
  if (ids.length === 1) return pythonRepr(ids[0]);
  return `(${ids.map(pythonRepr).join(", ")})`;
}

/** `alembic revision --depends-on` writes several entries as a list. */
function scalarOrList(ids: string[]): string {
  if (ids.length === 0) return "None";
  if (ids.length === 1) return pythonRepr(ids[0]);
  return `[${ids.map(pythonRepr).join(", ")}]`;
}

/** util.to_tuple(branch_label): always a tuple, so one label is ('name',). */
function labelsRepr(labels: string[]): string {
  if (labels.length === 0) return "None";
  return labels.length === 1 ? `(${pythonRepr(labels[0])},)` : `(${labels.map(pythonRepr).join(", ")})`;
}

/** The native format of design.md; header values are kept to one line so they cannot add headers. */
export function renderSqlRevision(fields: SqlRevisionFields): string {
  const oneLine = (text: string) => text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
  const lines = [
    `-- revision: ${oneLine(fields.revision)}`,
    `-- down_revision: ${oneLine(fields.downRevisions.join(", "))}`.trimEnd(),
  ];
  if (fields.branchLabels.length > 0) lines.push(`-- branch_labels: ${oneLine(fields.branchLabels.join(", "))}`);
  if (fields.dependsOn.length > 0) lines.push(`-- depends_on: ${oneLine(fields.dependsOn.join(", "))}`);
  lines.push(
    `-- message: ${oneLine(fields.message ?? "empty message")}`.trimEnd(),
    `-- create_date: ${oneLine(fields.createDate)}`,
    `-- transactional: ${fields.transactional === false ? "false" : "true"}`,
    "",
    "-- migrate:up",
  );
  if (fields.up?.trim()) lines.push(fields.up.trim());
  lines.push("", "-- migrate:down");
  if (fields.down?.trim()) lines.push(fields.down.trim());
  return lines.join("\n") + "\n";
}

/** The parts of a create date a template may use (`${create_date}`, `${create_date.year}`). */
export interface CreateDateParts extends Omit<DateParts, "epoch"> {
  text: string;
}

const strValue = (v: string): PyValue => ({ k: "str", v });
const scalarOrSequence = (ids: string[], kind: "tuple" | "list"): PyValue =>
  ids.length === 0 ? { k: "none" } : ids.length === 1 ? strValue(ids[0]) : { k: "seq", kind, items: ids.map(strValue) };

/**
 * A project's script.py.mako rendered with the arguments `alembic revision` passes it
 * (ScriptDirectory.generate_revision): tuple_rev_as_scalar parents and dependencies, labels as a
 * tuple, `comma` = util.format_as_comma; imports/upgrades/downgrades are left undefined.
 */
export function renderTemplateRevision(template: string, fields: RevisionFileFields, date: CreateDateParts): MakoResult {
  const numbers = (["year", "month", "day", "hour", "minute", "second"] as const).map((k) => [k, { k: "num", v: date[k] }] as const);
  const variables: Record<string, PyValue> = {
    up_revision: strValue(fields.revision),
    down_revision: scalarOrSequence(fields.downRevisions, "tuple"),
    branch_labels: fields.branchLabels.length === 0 ? { k: "none" } : { k: "seq", kind: "tuple", items: fields.branchLabels.map(strValue) },
    depends_on: scalarOrSequence(fields.dependsOn, "list"),
    create_date: { k: "object", text: date.text, attrs: Object.fromEntries(numbers) },
    message: strValue(fields.message ?? "empty message"),
    config: { k: "unknown", reason: "Retort does not pass alembic's Config object to templates" },
  };
  const comma = (value: PyValue): PyValue => {
    if (value.k === "none") return strValue("");
    if (value.k === "seq") return strValue(value.items.map(strOf).join(", "));
    return strValue(strOf(value));
  };
  return renderMako(template, variables, { comma });
}
