"use client";

import type { EnvironmentView } from "@/lib/core/view/view-types";
import { statusLabel } from "@/components/ui/status";
import { setSearchParams } from "./url-state";

export function EnvSelector({ environments, value }: { environments: readonly EnvironmentView[]; value: string | null }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-300">Environment</span>
      <select
        data-testid="env-selector"
        value={value ?? ""}
        onChange={(e) => setSearchParams({ env: e.target.value || null }, "push")}
        className="h-9 rounded-lg border border-zinc-300 bg-white px-2 pr-8 text-sm text-zinc-900 shadow-sm [color-scheme:light] focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:[color-scheme:dark]"
      >
        <option value="">None</option>
        {environments.map((env) => (
          <option key={env.name} value={env.name}>
            {env.name} — {statusLabel(env.status, env.pending.length)}
          </option>
        ))}
      </select>
    </label>
  );
}
