import Link from "next/link";
import { Timestamp } from "@/components/audit/timestamp";
import { Chip, type ChipTone } from "@/components/ui/chip";
import type { AuditRow } from "@/lib/server/audit-query";
import { RevisionLink, RunSteps } from "./run-steps";

const RESULT_TONES: Record<string, ChipTone> = { applied: "teal", rehearsed: "teal", failed: "red", interrupted: "red", refused: "amber" };
const HEADERS = ["When", "Environment", "Actor", "Action", "Target", "Result", "Before → after", "Steps", "ms"];

function Rows({ rows }: { rows: string[] }) {
  if (rows.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">(empty)</span>;
  return <span className="font-mono text-xs">{rows.join(", ")}</span>;
}

/** One row per run (its steps inside), and one per merge; the global id is each row's key and data attribute. */
export function AuditTable({ entries }: { entries: AuditRow[] }) {
  if (entries.length === 0) {
    return (
      <p className="px-4 py-10 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="audit-empty">
        No audit entries match these filters.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-4 py-2.5 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {entries.map((e) => (
            <tr key={e.globalId} className="align-top" data-testid="audit-row" data-global-id={e.globalId} data-action={e.action} data-result={e.result}>
              <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs text-zinc-600 dark:text-zinc-400"><Timestamp iso={e.at} /></td>
              <td className="px-4 py-2.5 font-medium">
                {e.environment ? (
                  <Link href={`/environments/${encodeURIComponent(e.environment)}`} className="underline-offset-2 hover:underline" data-testid="audit-env-link">{e.environment}</Link>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">{e.project ?? "—"}</span>
                )}
              </td>
              <td className="px-4 py-2.5">{e.actor}</td>
              <td className="px-4 py-2.5">{e.action}</td>
              <td className="px-4 py-2.5">{e.action === "merge" ? <RevisionLink project={e.project} revision={e.target} /> : <code className="break-all font-mono text-xs">{e.target}</code>}</td>
              <td className="px-4 py-2.5">
                <Chip tone={RESULT_TONES[e.result] ?? "neutral"}>{e.action === "merge" ? "written" : e.result}</Chip>
                {e.error && <p className="mt-1 max-w-xs text-xs text-rose-700 dark:text-rose-300">{e.error}</p>}
              </td>
              <td className="px-4 py-2.5">{e.action === "merge" ? "—" : <><Rows rows={e.rowsBefore} /> → <Rows rows={e.rowsAfter} /></>}</td>
              <td className="min-w-56 px-4 py-2.5"><RunSteps entry={e} /></td>
              <td className="px-4 py-2.5 text-right tabular-nums text-zinc-600 dark:text-zinc-400">{e.durationMs ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
