import type { EnvironmentView } from "@/lib/core/view/view-types";

/** An environment with its project's heads, as the overview's pieces receive it. */
export interface EnvironmentWithHeads {
  env: EnvironmentView;
  heads: ReadonlySet<string>;
  effectiveHeads: ReadonlySet<string>;
}

/** What `alembic current` would print for this database, as terminal output. */
export function AlembicCurrent({ env, heads, effectiveHeads }: EnvironmentWithHeads) {
  const lines = currentLines(env, heads, effectiveHeads);
  return (
    <pre
      data-testid="alembic-current"
      className="whitespace-pre-wrap break-all rounded-lg bg-zinc-950 px-3 py-2 font-mono text-xs leading-5 text-zinc-200 dark:bg-black/40"
    >
      <span className="select-none text-zinc-400">$ alembic current</span>
      {"\n"}
      {lines.length === 0 ? <span className="text-zinc-400">(no output)</span> : lines.join("\n")}
    </pre>
  );
}

function currentLines(env: EnvironmentView, heads: ReadonlySet<string>, effective: ReadonlySet<string>): string[] {
  if (env.status === "unreachable") return [];
  if (env.unknownRows.length > 0) {
    return [`FAILED: Can't locate revision identified by '${env.unknownRows[0]}'`];
  }
  return env.current.map((rev) => {
    if (effective.has(rev)) return `${rev} (effective head)`;
    if (heads.has(rev)) return `${rev} (head)`;
    return rev;
  });
}
