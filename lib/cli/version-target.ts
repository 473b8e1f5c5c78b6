import type { EnvironmentConfig } from "../server/config";
import type { DatabaseUrl } from "../server/db/url";

/** What a command plans against: rows given with --from, a database (--url / --env), or nothing. */
export type VersionTarget =
  | { kind: "from"; rows: string[] }
  | { kind: "database"; url: DatabaseUrl; table: string; schema: string | null; name: string; protection?: string; environment?: EnvironmentConfig }
  | { kind: "none" };
