import "server-only";
import { listAuditEntries } from "../audit-query";
import { findEnvironmentConfig } from "../environments";
import { getProject } from "../project-cache";
import type { UnknownRowOrigin } from "./views";

// Where an unknown version row came from, as Retort's own audit log recorded it: the rows the
// database had just before, when those are all still in the directory. That is the honest
// answer to "stamp with purge to which revision?"; without a record there is no guess.


export async function unknownRowOrigin({ env, unknownRows }: { env: string; unknownRows: string[] }): Promise<UnknownRowOrigin | null> {
  const config = findEnvironmentConfig({ env });
  const project = config ? await getProject({ name: config.project }) : null;
  if (!config || !project || unknownRows.length === 0) return null;
  const { entries } = await listAuditEntries({ environments: [config], filters: { environment: env, result: "applied" }, limit: 500 }).catch(() => ({ entries: [] }));
  // Newest first: the latest write that brought an unknown row in from known rows.
  for (const entry of entries) {
    const revision = unknownRows.find((row) => entry.rowsAfter.includes(row) && !entry.rowsBefore.includes(row));
    if (revision && entry.rowsBefore.every((row) => project.map.get(row) !== undefined)) {
      return { revision, rowsBefore: entry.rowsBefore, actor: entry.actor, at: entry.at };
    }
  }
  return null;
}
