import type { ActionPanelView } from "@/lib/server/forms/environment-actions";
import type { SuggestedAction } from "@/components/environment/guidance";
import { ActionPanel } from "./action-panel";

/** The environment page's actions: nothing but an explanation when the user may not act here. */
export async function EnvironmentActions({ panel, suggestion }: { panel: Promise<ActionPanelView | null>; suggestion?: Promise<SuggestedAction | null> }) {
  const [view, suggested] = await Promise.all([panel, suggestion ?? null]);
  if (!view || view.actions.length === 0) {
    const why = !view
      ? "Sign in to act on this environment."
      : view.protection === "readonly"
        ? "This environment is read-only: no action can run on it."
        : `Your role (${view.user.role}) may view this environment but not change it.`;
    return (
      <section data-testid="actions-panel" data-empty="true" className="rounded-xl border border-dashed border-zinc-300 px-4 py-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        <h2 className="font-medium text-zinc-800 dark:text-zinc-200">Actions</h2>
        <p className="mt-1">{why}</p>
      </section>
    );
  }
  return <ActionPanel view={view} suggestion={suggested} />;
}
