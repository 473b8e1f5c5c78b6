import "server-only";
import type { ActionPreview } from "./views";

// What a person must know before confirming, beyond the plan itself: the steps a rehearsal
// cannot reach, the data a downgrade destroys, and the collision an upgrade of an unversioned
// database walks into. Each is a sentence that names the revisions concerned.

const DESTRUCTIVE = /\b(DROP\s+(TABLE|COLUMN|SCHEMA|VIEW|MATERIALIZED\s+VIEW|TYPE)|TRUNCATE|DELETE\s+FROM)\b/i;

export interface PreviewFacts {
  /** The database holds tables of its own (known only when it has no version rows). */
  hasUserTables: boolean;
}

export function previewWarnings(preview: Omit<ActionPreview, "warnings">, facts: PreviewFacts): string[] {
  const { request, steps } = preview;
  const warnings: string[] = [];
  if (request.kind === "rehearse") {
    const index = steps.findIndex((s) => s.transactional === false);
    if (index >= 0) {
      const reached = index === 0 ? "no step is rehearsed" : `only step${index === 1 ? "" : "s"} 1${index > 1 ? `–${index}` : ""} will be rehearsed`;
      warnings.push(
        `Step ${index + 1} (${steps[index]!.revision.slice(0, 12)}) is not transactional (transactional: false), so it cannot run inside the rehearsal's rolled-back transaction: the rehearsal stops before it and ${reached}.`,
      );
    }
  }
  if (request.kind === "downgrade" && steps.length > 0) {
    const destructive = steps.filter((s) => s.sql !== undefined && DESTRUCTIVE.test(s.sql)).map((s) => s.revision.slice(0, 12));
    warnings.push(
      destructive.length > 0
        ? `Data loss: ${destructive.join(", ")} drop${destructive.length === 1 ? "s" : ""} or delete${destructive.length === 1 ? "s" : ""} data, and nothing brings it back. Take a backup first.`
        : "A downgrade runs each revision's downgrade section; anything those statements remove is gone. Take a backup first.",
    );
  }
  if ((request.kind === "upgrade" || request.kind === "rehearse") && preview.rowsBefore.length === 0 && facts.hasUserTables && steps.length > 0) {
    warnings.push(
      `${preview.env} has tables but no version rows: this upgrade starts from base and replays ${steps.length} step${steps.length === 1 ? "" : "s"}, whose CREATE statements will collide with the tables already there. Stamp the revision the schema is at instead, then upgrade from it.`,
    );
  }
  return warnings;
}
