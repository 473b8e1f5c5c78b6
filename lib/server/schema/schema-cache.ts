import "server-only";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SchemaModel } from "../../core/schema/model";
import { dataDir } from "../auth/secure-file";

// Expected schemas, remembered in memory and on disk under their key (a digest of the project,
// the applied revisions, their files and the scratch server's kind), so a second look is instant
// even in a new process. Only successful replays are kept: a failure may be the server's.

const FORMAT = 1;
const MEMORY_LIMIT = 500;

export interface SchemaCache {
  get(key: string): SchemaModel | null;
  set(key: string, schema: SchemaModel): void;
}

/** A cache in memory, and in `directory` when one is given. */
export function createSchemaCache(directory: string | null): SchemaCache {
  const memory = new Map<string, SchemaModel>();
  const remember = (key: string, schema: SchemaModel) => {
    memory.delete(key);
    memory.set(key, schema);
    // Map keeps insertion order: the first key is the least recently used.
    if (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value!);
  };
  return {
    get(key) {
      const known = memory.get(key);
      if (known) {
        remember(key, known);
        return known;
      }
      const stored = directory ? readStored(directory, key) : null;
      if (stored) remember(key, stored);
      return stored;
    },
    set(key, schema) {
      remember(key, schema);
      if (directory) writeStored(directory, key, schema);
    },
  };
}

let shared: SchemaCache | null = null;

/** The process's cache, stored in <data dir>/schema-cache. */
export function sharedSchemaCache(): SchemaCache {
  shared ??= createSchemaCache(path.join(dataDir(), "schema-cache"));
  return shared;
}

function fileOf(directory: string, key: string): string {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error("schema cache keys are SHA-256 digests");
  return path.join(directory, `${key}.json`);
}

function readStored(directory: string, key: string): SchemaModel | null {
  try {
    const stored = JSON.parse(readFileSync(fileOf(directory, key), "utf8")) as { format?: number; key?: string; schema?: SchemaModel };
    return stored.format === FORMAT && stored.key === key && stored.schema ? stored.schema : null;
  } catch {
    // Missing, or unreadable (a half-written file from a killed process): replay again.
    return null;
  }
}

function writeStored(directory: string, key: string, schema: SchemaModel): void {
  try {
    mkdirSync(directory, { recursive: true });
    const file = fileOf(directory, key);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, key, schema }));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs a replay next time.
  }
}
