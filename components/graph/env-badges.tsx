import type { EnvironmentView } from "@/lib/core/view/view-types";
import { statusStyle } from "@/components/ui/status";

/** Environment name chips sitting on the revision their version rows point at. */
export function EnvBadges({ envs, chosen }: { envs: readonly EnvironmentView[]; chosen: string | null }) {
  if (envs.length === 0) return null;
  const shown = envs.slice(0, 3);
  return (
    <div className="absolute -top-2.5 right-2 flex gap-1" data-testid="env-badges">
      {shown.map((env) => (
        <span
          key={env.name}
          data-testid={`env-badge-${env.name}`}
          title={`${env.name}: ${statusStyle[env.status].label}`}
          className={`inline-flex items-center gap-1 rounded-full border bg-white px-1.5 text-[10px] font-medium leading-4 shadow-sm dark:bg-zinc-900 ${
            env.name === chosen
              ? "border-zinc-900 text-zinc-900 dark:border-zinc-100 dark:text-zinc-100"
              : "border-zinc-200 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300"
          }`}
        >
          <span className={`size-1.5 rounded-full ${statusStyle[env.status].dot}`} aria-hidden />
          {env.name}
        </span>
      ))}
      {envs.length > shown.length && (
        <span className="rounded-full border border-zinc-200 bg-white px-1.5 text-[10px] leading-4 text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900">
          +{envs.length - shown.length}
        </span>
      )}
    </div>
  );
}
