/** The operations both sides run, and their outcomes in a shape the comparison can diff. */
export type Operation =
  | { kind: "heads" }
  | { kind: "upgrade" | "downgrade"; target: string; startRows: string[] | null }
  | { kind: "stamp"; targets: string[]; startRows: string[] | null; purge: boolean };

export interface Step {
  revision: string;
  direction: "up" | "down";
}

export type Outcome =
  | { ok: true; steps: Step[]; rows: string[] }
  | { ok: true; heads: string[]; realHeads: string[] }
  | { ok: false; kind: "refusal" | "crash"; code?: string; errorClass?: string; message: string };

export function describeOperation(op: Operation): string {
  if (op.kind === "heads") return "heads";
  const from = op.startRows === null ? "(no table)" : `[${op.startRows.join(", ")}]`;
  if (op.kind === "stamp") return `stamp${op.purge ? " --purge" : ""} ${op.targets.join(" ")} from ${from}`;
  return `${op.kind} ${op.target} from ${from}`;
}
