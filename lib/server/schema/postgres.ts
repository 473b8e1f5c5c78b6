import "server-only";
import type { SchemaModel } from "../../core/schema/model";
import { normaliseSchema } from "../../core/schema/normalise";
import { readPostgresObjects } from "./postgres-objects";
import { readPostgresTables } from "./postgres-tables";
import { type SchemaReader, text } from "./reader";

/** The schema(s) of a PostgreSQL database; by default the first schema on the search_path. */
export async function introspectPostgres(reader: SchemaReader, options: { schemas?: string[]; skip: (table: string) => boolean }): Promise<SchemaModel> {
  const schemas = options.schemas?.length ? options.schemas : [text((await reader.query("SELECT current_schema() AS s")).rows[0]?.s) || "public"];
  const qualify = (schema: string, name: string) => (schema === schemas[0] ? name : `${schema}.${name}`);
  const { tables, exclusions } = await readPostgresTables(reader, schemas, qualify, options.skip);
  const objects = await readPostgresObjects(reader, schemas, qualify, options.skip);
  const unmodelled = [...objects.unmodelled, ...exclusions.map((e) => ({ kind: "exclusion constraint", name: e.name, table: e.table }))];
  return normaliseSchema({
    dialect: "postgresql",
    schemas,
    tables,
    views: objects.views,
    sequences: objects.sequences,
    enums: objects.enums,
    unmodelled,
  });
}
