import type { DifferenceGroup } from "@/lib/core/schema/drift-groups";
import { fieldChanges, show } from "@/lib/core/schema/drift-groups";
import type { SchemaDifference } from "@/lib/core/schema/diff";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { CopyButton } from "@/components/ui/copy-button";

// Differences grouped by table: what changed, the object's kind and name, expected against
// actual, and the SQL that would reconcile it (with a copy button) where there is one.

const CHANGE_TONES: Record<SchemaDifference["change"], ChipTone> = { missing: "red", extra: "amber", changed: "blue" };

export function DifferenceGroups({ groups, testId = "drift-differences" }: { groups: DifferenceGroup[]; testId?: string }) {
  return (
    <div className="space-y-4" data-testid={testId}>
      {groups.map((group) => (
        <section key={group.table ?? "-"} className="rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="drift-group" data-table={group.table ?? ""}>
          <h3 className="border-b border-zinc-100 px-3 py-2 text-sm font-medium dark:border-zinc-800">
            {group.table === null ? "Outside any table" : <>Table <code className="font-mono">{group.table}</code></>}
          </h3>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {group.differences.map((difference) => (
              <DifferenceRow key={`${difference.change}:${difference.kind}:${difference.name}`} difference={difference} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function DifferenceRow({ difference }: { difference: SchemaDifference }) {
  const changes = difference.change === "changed" ? fieldChanges(difference) : [];
  return (
    <li className="space-y-1.5 px-3 py-2 text-sm" data-testid="drift-difference" data-change={difference.change} data-kind={difference.kind} data-name={difference.name}>
      <div className="flex flex-wrap items-center gap-2">
        <Chip tone={CHANGE_TONES[difference.change]}>{difference.change}</Chip>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{difference.kind.replace("_", " ")}</span>
        <code className="min-w-0 break-all font-mono text-xs font-medium">{difference.name}</code>
      </div>
      {changes.length > 0 && (
        <ul className="space-y-0.5 text-xs text-zinc-700 dark:text-zinc-300">
          {changes.map((line) => (
            <li key={line} className="break-words font-mono">{line}</li>
          ))}
        </ul>
      )}
      {difference.change !== "changed" && <Definition difference={difference} />}
      {difference.sql && (
        <div className="flex items-start gap-1 rounded bg-zinc-50 px-2 py-1 dark:bg-zinc-950">
          <pre className="min-w-0 flex-1 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs" data-testid="drift-sql">{difference.sql}</pre>
          <CopyButton text={difference.sql} label={`Copy the SQL that reconciles ${difference.name}`} />
        </div>
      )}
    </li>
  );
}

/** A missing object's expected definition, or an extra one's actual one, in a line. */
function Definition({ difference }: { difference: SchemaDifference }) {
  const side = difference.change === "missing" ? difference.expected : difference.actual;
  if (!side) return null;
  const label = difference.change === "missing" ? "expected" : "actual";
  const text = Object.entries(side).filter(([key, value]) => key !== "name" && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}: ${show(value)}`).join("; ");
  if (!text) return null;
  return <p className="break-words font-mono text-xs text-zinc-600 dark:text-zinc-400"><span className="font-sans">{label}: </span>{text}</p>;
}
