import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sanitizeDbError, secretsOf } from "../pg";
import type { OpenConnection, ReplayConnection, SchemaReaderDialect } from "./reader";
import { embeddedScratchServer, embeddedScratchVersion } from "./scratch-postgres";

// Scratch databases: empty databases of the live database's kind that a replay fills and then
// throws away. PostgreSQL: a database on the embedded cluster Retort starts and reuses (or on the
// server RETORT_SCRATCH_POSTGRES_URL names); SQLite: a temporary file; MySQL: a database Retort
// creates on the live database's own server, when the user may, and drops after.

export interface ScratchDatabase {
  /** SQLAlchemy URL of the scratch database, for Alembic. Never shown to anyone. */
  url: string;
  connection: ReplayConnection;
  drop(): Promise<void>;
}

export type ScratchResult = { ok: true; scratch: ScratchDatabase } | { ok: false; message: string };

export interface ScratchProvider {
  readonly dialect: SchemaReaderDialect;
  /** What else decides an expected schema besides the files, e.g. `postgresql 17`: part of the cache key. */
  flavor(): Promise<string>;
  create(): Promise<ScratchResult>;
}

export function scratchName(): string {
  return `retort_scratch_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** The scratch provider for a live database: `url` is the live database's (MySQL scratch databases go on its server). */
export function scratchProviderFor(options: { dialect: SchemaReaderDialect; url?: string; open: OpenConnection }): ScratchProvider {
  if (options.dialect === "sqlite") return sqliteScratch(options.open);
  if (options.dialect === "mysql") {
    if (!options.url) throw new Error("A MySQL scratch database goes on the live database's server: pass its URL");
    return mysqlScratch(options.url, options.open);
  }
  const server = process.env.RETORT_SCRATCH_POSTGRES_URL;
  if (server) return postgresScratch(async () => server, options.open);
  return postgresScratch(embeddedScratchServer, options.open, async () => `postgresql ${await embeddedScratchVersion()}`);
}

export function sqliteScratch(open: OpenConnection): ScratchProvider {
  return {
    dialect: "sqlite",
    flavor: async () => "sqlite",
    async create() {
      let dir: string | null = null;
      try {
        dir = await fs.mkdtemp(path.join(os.tmpdir(), "retort-scratch-"));
        const file = path.join(dir, "scratch.db");
        const remove = removeDirectory(dir);
        const connection = await open(`sqlite:///${file}`);
        // A throwaway database: no fsync per statement (a replay runs one per DDL statement).
        await connection.execute("PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY;");
        return { ok: true, scratch: { url: `sqlite:///${file}`, connection, drop: () => connection.close().finally(remove) } };
      } catch (error) {
        if (dir) await removeDirectory(dir)();
        return { ok: false, message: `Could not create a temporary SQLite database: ${sanitizeDbError(error).message}` };
      }
    },
  };
}

function removeDirectory(dir: string): () => Promise<void> {
  return () => fs.rm(dir, { recursive: true, force: true });
}

/** Scratch databases on a PostgreSQL server whose admin URL `server()` gives (started on first use). */
export function postgresScratch(server: () => Promise<string>, open: OpenConnection, knownFlavor?: () => Promise<string>): ScratchProvider {
  let version: Promise<string> | null = null;
  const askServer = () => server().then((url) => withConnection(open, url, async (c) => {
    const row = (await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0];
    return `postgresql ${Math.floor(Number(row?.v) / 10000)}`;
  }));
  return {
    dialect: "postgresql",
    flavor: () => (version ??= (knownFlavor ?? askServer)()),
    async create() {
      let admin: string;
      try {
        admin = await server();
      } catch (error) {
        return { ok: false, message: `No scratch PostgreSQL to replay the migrations on: ${error instanceof Error ? error.message : String(error)}` };
      }
      const name = scratchName();
      const url = withDatabase(admin, name);
      return createOnServer({ open, admin, url, secrets: secretsOf(admin), kind: "PostgreSQL",
        create: `CREATE DATABASE "${name}"`, drop: `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` });
    },
  };
}

export function mysqlScratch(liveUrl: string, open: OpenConnection): ScratchProvider {
  let version: Promise<string> | null = null;
  return {
    dialect: "mysql",
    flavor: () => (version ??= withConnection(open, liveUrl, async (c) => {
      const v = String(Object.values((await c.query("SELECT VERSION() AS v")).rows[0] ?? {})[0] ?? "");
      return `${/mariadb/i.test(v) ? "mariadb" : "mysql"} ${v.split(".").slice(0, 2).join(".")}`;
    })),
    async create() {
      const name = scratchName();
      return createOnServer({ open, admin: liveUrl, url: withDatabase(liveUrl, name), secrets: secretsOf(liveUrl), kind: "MySQL",
        create: `CREATE DATABASE \`${name}\``, drop: `DROP DATABASE IF EXISTS \`${name}\``,
        refusedHint: "; the database user needs CREATE and DROP on the server for Retort to replay the migrations beside it" });
    },
  };
}

interface ServerScratch {
  open: OpenConnection;
  admin: string;
  url: string;
  secrets: string[];
  kind: string;
  create: string;
  drop: string;
  refusedHint?: string;
}

async function createOnServer(s: ServerScratch): Promise<ScratchResult> {
  try {
    await withConnection(s.open, s.admin, (c) => c.execute(s.create));
  } catch (error) {
    return { ok: false, message: `Could not create a scratch ${s.kind} database: ${sanitizeDbError(error, s.secrets).message}${s.refusedHint ?? ""}` };
  }
  const drop = () => withConnection(s.open, s.admin, (c) => c.execute(s.drop)).catch(() => undefined);
  try {
    const connection = await s.open(s.url);
    return { ok: true, scratch: { url: s.url, connection, drop: () => connection.close().finally(drop) } };
  } catch (error) {
    await drop();
    return { ok: false, message: `Could not connect to the scratch ${s.kind} database: ${sanitizeDbError(error, s.secrets).message}` };
  }
}

async function withConnection<T>(open: OpenConnection, url: string, work: (c: ReplayConnection) => Promise<T>): Promise<T> {
  const connection = await open(url);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** The same server URL pointing at another database (the path of a SQLAlchemy URL). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
