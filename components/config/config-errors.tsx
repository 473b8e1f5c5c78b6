import { Card } from "@/components/ui/card";

/** Shown instead of a page when retort.config.json is missing or invalid. */
export function ConfigErrors({ file, errors }: { file: string; errors: Array<{ path: string; message: string }> }) {
  return (
    <main className="mx-auto max-w-3xl px-4 py-12 sm:px-6" data-testid="config-errors">
      <Card className="overflow-hidden">
        <div className="border-b border-red-200 bg-red-50 px-5 py-4 dark:border-red-500/20 dark:bg-red-500/10">
          <h1 className="font-semibold text-red-800 dark:text-red-300">The configuration cannot be used</h1>
          <p className="mt-1 text-sm text-red-700/80 dark:text-red-300/80">
            Fix <code className="font-mono">{file}</code> (or point <code className="font-mono">RETORT_CONFIG</code> at another file) and reload.
          </p>
        </div>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {errors.map((error, i) => (
            <li key={i} className="flex flex-col gap-1 px-5 py-3 sm:flex-row sm:gap-4" data-testid="config-error">
              <code className="shrink-0 font-mono text-sm text-zinc-900 sm:w-56 dark:text-zinc-100">{error.path}</code>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">{error.message}</span>
            </li>
          ))}
        </ul>
      </Card>
    </main>
  );
}
