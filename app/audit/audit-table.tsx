import { Chip, type ChipTone } from "@/components/ui/chip";
import { stepsSummary } from "@/lib/server/audit-csv";
import type { AuditRow } from "@/lib/server/audit-query";

const RESULT_TONES: Record<string, ChipTone> = { applied: "teal", rehearsed: "teal", failed: "red", interrupted: "red", refused: "amber" };

function Rows({ rows }: { rows: string[] }) {
  if (rows.length === 0) return <span className="text-zinc-400">(empty)</span>;
  return <span className="font-mono text-xs">{rows.join(", ")}</span>;
}

function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export function AuditTable({ entries }: { entries: AuditRow[] }) {
  if (entries.length === 0) {
    return (
      <p className="px-4 py-10 text-center text-sm text-zinc-500" data-testid="audit-empty">
        No audit entries match these filters.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            {["When (UTC)", "Environment", "Actor", "Action", "Target", "Result", "Before → after", "Steps", "ms"].map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-4 py-2.5 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {entries.map((e) => (
            <tr key={`${e.environment}:${e.id}`} className="align-top" data-testid="audit-row">
              <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs text-zinc-600 dark:text-zinc-400">{formatTime(e.at)}</td>
              <td className="px-4 py-2.5 font-medium">{e.environment}</td>
              <td className="px-4 py-2.5">{e.actor}</td>
              <td className="px-4 py-2.5">{e.action}</td>
              <td className="px-4 py-2.5 font-mono text-xs">{e.target}</td>
              <td className="px-4 py-2.5">
                <Chip tone={RESULT_TONES[e.result] ?? "neutral"}>{e.result}</Chip>
                {e.error && <p className="mt-1 max-w-xs text-xs text-rose-700 dark:text-rose-300">{e.error}</p>}
              </td>
              <td className="px-4 py-2.5"><Rows rows={e.rowsBefore} /> → <Rows rows={e.rowsAfter} /></td>
              <td className="px-4 py-2.5 font-mono text-xs">{stepsSummary(e.steps) || "—"}</td>
              <td className="px-4 py-2.5 text-right tabular-nums text-zinc-600 dark:text-zinc-400">{e.durationMs ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
