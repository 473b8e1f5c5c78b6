// Retort's metadata database for integration tests: a fresh database on the test server,
// named in RETORT_DATABASE_URL for the code under test, dropped afterwards.
import { closeMeta, metaPool } from "../lib/server/meta/pool";
import { createTestDatabase, type TestDatabase } from "./db";

export interface TestMeta {
  db: TestDatabase;
  cleanup(): Promise<void>;
}

export async function useMetaDatabase(): Promise<TestMeta> {
  const saved = process.env.RETORT_DATABASE_URL;
  const db = await createTestDatabase("retort_meta");
  await closeMeta();
  process.env.RETORT_DATABASE_URL = db.url;
  // Migrated now, so a test can read and write the tables directly from its first line.
  await metaPool();
  return {
    db,
    cleanup: async () => {
      await closeMeta();
      if (saved === undefined) delete process.env.RETORT_DATABASE_URL;
      else process.env.RETORT_DATABASE_URL = saved;
      await db.drop();
    },
  };
}
