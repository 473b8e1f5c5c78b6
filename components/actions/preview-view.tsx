import type { ActionPreview } from "@/app/environments/[env]/actions";
import { SourceViewer } from "@/components/source/source-viewer";
import { Chip } from "@/components/ui/chip";
import { Rows } from "./dialog";
import { VersionOps } from "./version-ops";

/** What will happen: the steps in execution order with their SQL, and the rows before and after. */
export function PreviewView({ preview }: { preview: ActionPreview }) {
  return (
    <div className="space-y-4" data-testid="preview" data-executor={preview.executor} data-guard={preview.guard}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Rows label="Version rows now" rows={preview.rowsBefore} testId="preview-rows-before" />
        <Rows label="Version rows after" rows={preview.rowsAfter} testId="preview-rows-after" />
      </div>
      {preview.notes.map((note) => (
        <p key={note} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">{note}</p>
      ))}
      {preview.request.kind === "stamp" ? (
        <div>
          <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Version-table changes (no migration runs)</h3>
          {preview.request.purge && <p className="mt-1 text-sm text-rose-700 dark:text-rose-400">The table is emptied first (--purge).</p>}
          <VersionOps ops={preview.stampOps} />
        </div>
      ) : (
        <Steps preview={preview} />
      )}
      {preview.command && (
        <p className="text-sm">
          Runs <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid="alembic-command">{preview.command}</code>{" "}
          <span className="text-zinc-500">(the database URL is passed in the environment, never on the command line)</span>
        </p>
      )}
      {preview.sql && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">All SQL, as <code className="font-mono">alembic {preview.request.kind === "stamp" ? "stamp" : "upgrade"} --sql</code> prints it</summary>
          <div className="mt-2">
            <SourceViewer source={preview.sql} language="sql" testId="preview-sql" />
          </div>
        </details>
      )}
    </div>
  );
}

function Steps({ preview }: { preview: ActionPreview }) {
  if (preview.steps.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="preview-nothing">Nothing to do: the database is already there.</p>;
  }
  return (
    <ol className="space-y-1.5" data-testid="preview-steps">
      {preview.steps.map((step, i) => (
        <li key={`${step.revision}-${i}`} data-testid={`preview-step-${step.revision}`}>
          <details className="rounded-lg border border-zinc-200 dark:border-zinc-800">
            <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-1.5 text-sm">
              <span className="w-5 text-right text-xs text-zinc-500">{i + 1}.</span>
              <code className="font-mono text-xs">{step.revision.slice(0, 12)}</code>
              <span className="min-w-0 flex-1 truncate">{step.message}</span>
              {step.direction === "down" && <Chip tone="red">down</Chip>}
              {step.transactional === false && <Chip tone="amber">non-transactional</Chip>}
            </summary>
            <div className="space-y-2 border-t border-zinc-100 px-3 py-2 dark:border-zinc-800">
              <VersionOps ops={step.versionOps} />
              {step.sql !== undefined && <SourceViewer source={step.sql || "-- (no statements)"} language="sql" testId="preview-step-sql" />}
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
