// The version table's rows for a plan. Only a real database loads the driver layer (pg, mysql2,
// better-sqlite3): `--from ROWS` and "no database" plans stay as light as `heads`.
import type { VersionState } from "./database";
import type { VersionTarget } from "./version-target";

export async function versionState(target: VersionTarget): Promise<VersionState> {
  if (target.kind === "from") return { tableExists: true, rows: target.rows };
  if (target.kind === "none") return { tableExists: false, rows: [] };
  return (await import("./database")).readVersionState(target);
}
