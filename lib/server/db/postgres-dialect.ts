import "server-only";
import { validateIdentifier } from "../sql-identifiers";
import type { AuditSql, Dialect } from "./dialect";
import { tryAdvisoryLock, findAdvisoryHolder, lockKeyPair } from "./postgres-lock";
import { type PostgresConnection, connectPostgres } from "./postgres";
import type { DbConnection, VersionTableTarget } from "./types";

// Always quoted, as SQLAlchemy does for mixed-case names: alembic_version and "alembic_version"
// are the same table, and MyVersions keeps its case.
const quote = (name: string, what = "identifier") => `"${validateIdentifier(name, what)}"`;
const qualified = ({ table, schema }: VersionTableTarget) =>
  schema ? `${quote(schema, "version table schema")}.${quote(table, "version table name")}` : quote(table, "version table name");

async function lockKey(conn: DbConnection, target: VersionTableTarget): Promise<string> {
  // Without a schema, Alembic's table lives in the first schema of the search_path.
  const schema = target.schema || (await conn.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s;
  return `retort:${schema ?? ""}.${target.table}`;
}

const audit: AuditSql = {
  table: (schema) => `${quote(schema ?? "public", "audit schema")}.${quote("retort_audit")}`,
  schemaFor: (configured) => validateIdentifier(configured ?? process.env.RETORT_AUDIT_SCHEMA ?? "public", "audit schema"),
  create: (schema) => {
    const table = audit.table(schema);
    return [
      `CREATE TABLE IF NOT EXISTS ${table} (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        environment text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        rows_before text[] NOT NULL DEFAULT '{}',
        rows_after text[] NOT NULL DEFAULT '{}',
        steps jsonb NOT NULL DEFAULT '[]',
        result text NOT NULL,
        duration_ms integer,
        error text,
        run_id text, ended_at timestamptz, holder_host text, holder_pid integer, holder_instance text, version_table text
      )`,
      `CREATE INDEX IF NOT EXISTS "retort_audit_environment_at_idx" ON ${table} (environment, at DESC)`,
      `CREATE UNIQUE INDEX IF NOT EXISTS "retort_audit_run_id_idx" ON ${table} (run_id)`,
    ];
  },
  runColumns: [["run_id", "text"], ["ended_at", "timestamptz"], ["holder_host", "text"], ["holder_pid", "integer"], ["holder_instance", "text"], ["version_table", "text"]],
  async columns(conn, schema) {
    const { rows } = await conn.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'retort_audit'",
      [schema ?? "public"],
    );
    return rows.length === 0 ? null : new Set(rows.map((r) => r.name));
  },
  list: (values) => [...values],
  readList: (value) => (Array.isArray(value) ? value.map(String) : []),
  json: (value) => JSON.stringify(value),
  readJson: (value) => value,
  time: (iso) => iso,
  readTime: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
};

export const postgresDialect: Dialect = {
  kind: "postgresql",
  label: "PostgreSQL",
  splitOptions: {},
  transactionalDdl: true,
  quote,
  param: (index) => `$${index}`,
  qualified,
  async checkTarget() {},
  async tableExists(conn, target) {
    // to_regclass follows the search_path when there is no schema, as Alembic's has_table does.
    const { rows } = await conn.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [qualified(target)]);
    return rows[0]?.found != null;
  },
  async schemaExists(conn, schema) {
    return (await conn.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount > 0;
  },
  createSchemaHint: (schema) => `CREATE SCHEMA ${schema}`,
  async hasOtherTables(conn, target) {
    const { rows } = await conn.query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
            AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            AND c.oid IS DISTINCT FROM to_regclass($1)
            AND c.relname NOT LIKE 'retort\\_%'
            -- objects created by extensions (e.g. PostGIS's spatial_ref_sys) are not the app's
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
       ) AS found`,
      [qualified(target)],
    );
    return rows[0]?.found === true;
  },
  async tryLock(conn, target, holder) {
    return tryAdvisoryLock(asPostgres(conn), { key: await lockKey(conn, target), holder });
  },
  async lockHolder(conn, target) {
    const [classId, objectId] = lockKeyPair(await lockKey(conn, target));
    return findAdvisoryHolder(asPostgres(conn), classId, objectId);
  },
  childSessionEnv(tag, timeouts = {}) {
    const options = [
      ...(timeouts.lockTimeoutMs ? [`-c lock_timeout=${Math.floor(timeouts.lockTimeoutMs)}`] : []),
      ...(timeouts.statementTimeoutMs ? [`-c statement_timeout=${Math.floor(timeouts.statementTimeoutMs)}`] : []),
    ];
    return { PGAPPNAME: tag, ...(options.length > 0 ? { PGOPTIONS: options.join(" ") } : {}) };
  },
  async stopTaggedSessions(conn, tag) {
    const { rows } = await conn.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()) AS ended",
      [tag],
    );
    return rows[0]?.n ?? 0;
  },
  async waitState(conn) {
    const pg = asPostgres(conn);
    const side = await connectPostgres(pg.url, { connectTimeoutMs: 3_000, statementTimeoutMs: 3_000 });
    try {
      const { rows } = await side.query<{ pid: number; name: string | null; since: Date | null }>(
        `SELECT b.pid, b.application_name AS name, b.xact_start AS since
           FROM pg_stat_activity b
          WHERE b.pid = ANY (pg_blocking_pids($1))
            AND EXISTS (SELECT 1 FROM pg_stat_activity w WHERE w.pid = $1 AND w.wait_event_type = 'Lock')`,
        [pg.backendPid],
      );
      if (rows.length === 0) return null;
      const who = rows.map((r) => `${r.name ? `"${r.name}"` : "a session"} (pid ${r.pid})`).join(", ");
      return { blockedBy: who, since: rows[0]!.since?.toISOString() ?? null };
    } finally {
      await side.close();
    }
  },
  audit,
};

function asPostgres(conn: DbConnection): PostgresConnection {
  // By kind, not instanceof: Next.js bundles each route apart, so a connection opened by one
  // route (a server action) and inspected by another (the runs route) has another copy of the class.
  if (conn.dialect !== "postgresql") throw new Error("not a postgresql connection");
  return conn as PostgresConnection;
}
