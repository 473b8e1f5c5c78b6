// A live database per backend for the drift tests, with the scratch provider Retort would use
// beside it: PostgreSQL scratch databases go on the test server itself (no second cluster).
import type { SchemaDialect } from "../../lib/core/schema/model";
import type { ReplayConnection } from "../../lib/server/schema/reader";
import { mysqlScratch, postgresScratch, type ScratchProvider, sqliteScratch } from "../../lib/server/schema/scratch";
import { createMysqlDatabase, createSqliteFile } from "../backends";
import { adminUrl, createTestDatabase } from "../db";
import { openTestConnection } from "./connections";

export interface LiveDatabase {
  dialect: SchemaDialect;
  url: string;
  open(): Promise<ReplayConnection>;
  provider: ScratchProvider;
  drop(): Promise<void>;
}

export async function createLiveDatabase(dialect: SchemaDialect): Promise<LiveDatabase> {
  if (dialect === "postgresql") {
    const db = await createTestDatabase("retort_drift");
    return { dialect, url: db.url, open: () => openTestConnection(db.url), provider: postgresScratch(async () => adminUrl(), openTestConnection), drop: db.drop };
  }
  if (dialect === "sqlite") {
    const file = await createSqliteFile("retort-drift");
    return { dialect, url: file.url, open: () => openTestConnection(file.url), provider: sqliteScratch(openTestConnection), drop: file.drop };
  }
  const db = await createMysqlDatabase("retort_drift");
  return { dialect, url: db.url, open: () => openTestConnection(db.url), provider: mysqlScratch(db.url, openTestConnection), drop: db.drop };
}
