import type { ActionPreview } from "@/lib/server/forms/environment-actions";
import { SourceViewer } from "@/components/source/source-viewer";
import { Chip } from "@/components/ui/chip";
import { CopyButton } from "@/components/ui/copy-button";
import { actionTitle, cliCommand } from "./action-words";
import { Rows } from "./dialog";
import { VersionOps } from "./version-ops";

/** What will happen: the request as planned, the steps with their SQL, and the rows before and after. */
export function PreviewView({ preview }: { preview: ActionPreview }) {
  const { request } = preview;
  return (
    <div className="space-y-4" data-testid="preview" data-executor={preview.executor} data-guard={preview.guard}>
      <Planned preview={preview} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Rows label="Version rows now" rows={preview.rowsBefore} testId="preview-rows-before" />
        <Rows label="Version rows after" rows={preview.rowsAfter} testId="preview-rows-after" />
      </div>
      {preview.warnings.map((warning) => (
        <p key={warning} role="note" data-testid="preview-warning" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-200">
          {warning}
        </p>
      ))}
      {preview.notes.map((note) => (
        <p key={note} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">{note}</p>
      ))}
      {request.kind === "stamp" ? (
        <div>
          <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Version-table changes (no migration runs)</h3>
          {request.purge && <p className="mt-1 text-sm text-rose-700 dark:text-rose-400" data-testid="preview-purge">The table is emptied first (--purge).</p>}
          <VersionOps ops={preview.stampOps} />
        </div>
      ) : (
        <Steps preview={preview} />
      )}
      {preview.command && (
        <p className="text-sm">
          Runs <code className="break-all rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid="alembic-command">{preview.command}</code>
          <CopyButton text={preview.command} label="Copy the alembic command" className="ml-1 align-middle" />{" "}
          <span className="text-zinc-600 dark:text-zinc-400">(the database URL is passed in the environment, never on the command line)</span>
        </p>
      )}
      {preview.sql && (
        <details>
          <summary className="cursor-pointer text-sm font-medium" data-testid="preview-sql-summary">
            All SQL, as <code className="font-mono">alembic {request.kind === "rehearse" ? "upgrade" : request.kind} --sql</code> prints it
          </summary>
          <div className="mt-2">
            <SourceViewer source={preview.sql} language="sql" testId="preview-sql" />
          </div>
        </details>
      )}
    </div>
  );
}

/** The request in words and as the CLI would run it, from the plan the server made. */
function Planned({ preview }: { preview: ActionPreview }) {
  const cli = cliCommand(preview.request, preview.env);
  const count = preview.request.kind === "stamp" ? preview.stampOps.length : preview.steps.length;
  const unit = preview.request.kind === "stamp" ? "version-table change" : "step";
  return (
    <div className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-800/50" data-testid="preview-summary">
      <p className="font-medium" data-testid="preview-title">
        {actionTitle(preview.request, preview.env)}: {count} {unit}{count === 1 ? "" : "s"}
      </p>
      {cli && (
        <p className="mt-1 flex min-w-0 items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="shrink-0">Same as</span>
          <code className="min-w-0 break-all font-mono text-zinc-800 dark:text-zinc-200" data-testid="preview-cli">{cli}</code>
          <CopyButton text={cli} label="Copy the command" />
        </p>
      )}
    </div>
  );
}

function Steps({ preview }: { preview: ActionPreview }) {
  if (preview.steps.length === 0) {
    return <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="preview-nothing">Nothing to do: the database is already there.</p>;
  }
  return (
    <ol className="space-y-1.5" data-testid="preview-steps">
      {preview.steps.map((step, i) => (
        <li key={`${step.revision}-${i}`} data-testid={`preview-step-${step.revision}`}>
          <details className="rounded-lg border border-zinc-200 dark:border-zinc-800">
            <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 gap-y-1 px-3 py-1.5 text-sm">
              <span className="w-5 text-right text-xs text-zinc-600 dark:text-zinc-400">{i + 1}.</span>
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
