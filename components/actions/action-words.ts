import type { ActionRequest } from "@/lib/server/forms/environment-actions";

// The words for one request, used by the run button, the summary above it and the CLI line, so
// all three always name the same target as the request the server will plan and run.

export function targetWords(request: ActionRequest): string {
  return request.kind === "stamp" ? request.targets.join(" ") : request.target;
}

/** "Upgrade qa to 5f2a9b4e0c78", "Purge and stamp sandbox at 7b90e2d4c6a3", … */
export function actionTitle(request: ActionRequest, env: string): string {
  const target = targetWords(request);
  switch (request.kind) {
    case "upgrade":
      return `Upgrade ${env} to ${target}`;
    case "downgrade":
      return `Downgrade ${env} to ${target}`;
    case "rehearse":
      return `Rehearse upgrade of ${env} to ${target}`;
    case "stamp":
      return `${request.purge ? "Purge and stamp" : "Stamp"} ${env} at ${target}`;
  }
}

/** The same action as the `retort` CLI runs it; rehearsal has no CLI form. */
export function cliCommand(request: ActionRequest, env: string): string | null {
  if (request.kind === "rehearse") return null;
  const purge = request.kind === "stamp" && request.purge ? " --purge" : "";
  return `retort ${request.kind} ${targetWords(request)}${purge} --env ${env}`;
}
