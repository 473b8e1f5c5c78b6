import type { VersionOp } from "@/lib/core/types";

function describe(op: VersionOp): string {
  if (op.op === "insert") return `insert ${op.revision}`;
  if (op.op === "delete") return `delete ${op.revision}`;
  return `update ${op.from} → ${op.to}`;
}

export function VersionOps({ ops }: { ops: VersionOp[] }) {
  if (ops.length === 0) return <p className="text-xs text-zinc-600 dark:text-zinc-400">No version-table change.</p>;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" data-testid="version-ops">
      {ops.map((op, i) => (
        <li key={i} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{describe(op)}</li>
      ))}
    </ul>
  );
}
