import "server-only";
import type pg from "pg";

// Every table of Retort's metadata database, as numbered migrations: a process applies the ones
// the database lacks, in order, each in a transaction, under an advisory lock so two servers
// starting together apply each exactly once. Append a migration to change the schema; never
// edit one that has shipped.

export const META_SCHEMA = "retort";
// Advisory lock keys (the metadata database is Retort's own, so no other user of these keys).
export const MIGRATION_LOCK = 7_461_001;
export const AUDIT_APPEND_LOCK = 7_461_002;

interface MetaMigration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: MetaMigration[] = [
  {
    version: 1,
    description: "users, sessions, sign-in links, auth events, sign-in throttling, approvals, audit trail",
    sql: `
CREATE TABLE retort.users (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_name_key ON retort.users (lower(name));

-- The cookie holds a random id; only its SHA-256 is stored, so reading this table signs no one in.
CREATE TABLE retort.sessions (
  id_hash text PRIMARY KEY,
  public_id text NOT NULL UNIQUE,
  user_id bigint NOT NULL REFERENCES retort.users (id) ON DELETE CASCADE,
  via text NOT NULL CHECK (via IN ('password', 'link')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  address text,
  user_agent text
);
CREATE INDEX sessions_user ON retort.sessions (user_id);

CREATE TABLE retort.sign_in_links (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES retort.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE retort.auth_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  user_name text,
  address text,
  detail text
);
CREATE INDEX auth_events_at ON retort.auth_events (at DESC);

-- Failed sign-ins per key ('account:<lower name>' or 'address:<ip>'), shared by every server.
CREATE TABLE retort.login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  first_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE retort.approvals (
  id bigserial PRIMARY KEY,
  environment text NOT NULL,
  kind text NOT NULL,
  target text NOT NULL,
  targets text[] NOT NULL DEFAULT '{}',
  purge boolean NOT NULL DEFAULT false,
  expected_rows text[] NOT NULL,
  planned_rows text[] NOT NULL,
  steps text[] NOT NULL,
  plan_digest text NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'applied', 'failed', 'rejected', 'interrupted', 'closed')),
  decided_by text,
  decided_at timestamptz,
  message text,
  -- Who runs a claimed approval, and until when its lease holds unless renewed.
  runner_instance text,
  runner_pid integer,
  runner_host text,
  runner_scope text,
  lease_expires_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX approvals_environment ON retort.approvals (environment, requested_at DESC);
CREATE INDEX approvals_running ON retort.approvals (status) WHERE status = 'running';

-- Append-only: each row's hash covers its fields and the previous row's hash.
CREATE TABLE retort.audit_trail (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  recorded_at timestamptz NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  environment text,
  subject text,
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE FUNCTION retort.audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'retort.audit_trail is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE OR DELETE ON retort.audit_trail
  FOR EACH ROW EXECUTE FUNCTION retort.audit_trail_append_only();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON retort.audit_trail
  FOR EACH STATEMENT EXECUTE FUNCTION retort.audit_trail_append_only();

CREATE TABLE retort.settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 2,
    description: "approvals: the requester's reason and each step's message and SQL as previewed",
    sql: `
ALTER TABLE retort.approvals ADD COLUMN reason text;
ALTER TABLE retort.approvals ADD COLUMN step_details jsonb NOT NULL DEFAULT '[]';
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Apply the migrations the database lacks; a database newer than this code is refused. */
export async function migrateMeta(client: pg.ClientBase): Promise<{ applied: number[] }> {
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.schema_version (
      version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0) AS version FROM ${META_SCHEMA}.schema_version`);
    const current = rows[0]!.version;
    if (current > LATEST_VERSION) {
      throw new Error(`The metadata database is at schema version ${current}, newer than this Retort (${LATEST_VERSION}); upgrade Retort`);
    }
    const applied: number[] = [];
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${META_SCHEMA}.schema_version (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
        await client.query("COMMIT");
        applied.push(migration.version);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    }
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
  }
}
