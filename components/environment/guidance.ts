import type { UnknownRowOrigin } from "@/lib/server/forms/environment-actions";
import type { EnvironmentView } from "@/lib/core/view/view-types";

/** The action a bad state calls for, offered first in the action panel. */
export interface SuggestedAction {
  kind: "stamp" | "upgrade";
  target?: string;
  purge?: boolean;
  label: string;
}

export type RowOrigin = UnknownRowOrigin;

/** Unknown rows need a purge stamp; an unversioned database needs a stamp, not an upgrade from base. */
export function suggestedAction(env: EnvironmentView, origin: RowOrigin | null): SuggestedAction | null {
  if (env.status === "unknown-revision") {
    const target = origin?.rowsBefore.length ? origin.rowsBefore.join(" ") : undefined;
    return { kind: "stamp", purge: true, target, label: target ? `Stamp with purge at ${target.slice(0, 12)}…` : "Stamp with purge…" };
  }
  if (env.status === "unversioned") return { kind: "stamp", label: "Stamp…" };
  return null;
}
