import "server-only";
import type { EnumModel, SequenceModel, UnmodelledObject, ViewModel } from "../../core/schema/model";
import { type SchemaReader, text } from "./reader";

// Views, sequences and enum types, and every other object Retort does not compare (functions,
// triggers, domains, rules, policies, extensions…), which is listed so nothing is silently lost.

const VIEWS_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid, true) AS definition
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = c.oid AND dep.deptype = 'e')
ORDER BY 1, 2`;

// Identity columns own a sequence (deptype 'i'); it is part of the column, not an object of its own.
const SEQUENCES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcycle AS cycle,
       (SELECT t.relname FROM pg_depend dep JOIN pg_class t ON t.oid = dep.refobjid
        WHERE dep.objid = c.oid AND dep.deptype = 'a' AND dep.refclassid = 'pg_class'::regclass LIMIT 1) AS owner_table
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = c.oid AND dep.deptype IN ('i', 'e'))
ORDER BY 1, 2`;

const ENUMS_SQL = `
SELECT n.nspname AS schema, t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY($1::text[]) AND t.typtype = 'e'
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = t.oid AND dep.deptype = 'e')
ORDER BY 1, 2`;

const UNMODELLED_SQL = `
SELECT n.nspname AS schema, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END AS kind,
       p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, NULL::text AS table_name
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')
UNION ALL
SELECT n.nspname, 'trigger', tg.tgname, c.relname
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND NOT tg.tgisinternal
UNION ALL
SELECT n.nspname, CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type' WHEN 'b' THEN 'base type' ELSE 'composite type' END, t.typname, NULL
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY($1::text[]) AND t.typtype IN ('d', 'r', 'b', 'c')
  AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
  AND NOT (t.typtype = 'b' AND t.typcategory = 'A')
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = t.oid AND dep.deptype IN ('e', 'i'))
UNION ALL
SELECT n.nspname, 'rule', r.rulename, c.relname
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND r.rulename <> '_RETURN'
UNION ALL
SELECT n.nspname, 'policy', pol.polname, c.relname
FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
UNION ALL
SELECT n.nspname, CASE c.relkind WHEN 'f' THEN 'foreign table' ELSE 'partition' END, c.relname, NULL
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND (c.relkind = 'f' OR (c.relkind IN ('r', 'p') AND c.relispartition))
UNION ALL
SELECT n.nspname, 'extension', e.extname, NULL
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'`;

type Qualify = (schema: string, name: string) => string;

export async function readPostgresObjects(reader: SchemaReader, schemas: string[], qualify: Qualify, skip: (table: string) => boolean) {
  const named = (row: Record<string, unknown>) => qualify(text(row.schema), text(row.name));
  const views: ViewModel[] = (await reader.query(VIEWS_SQL, [schemas])).rows.map((row) => ({
    name: named(row),
    definition: text(row.definition),
    materialized: row.kind === "m",
  }));
  // A serial column of a skipped table (retort_audit's id) owns a sequence that goes with it.
  const sequenceRows = (await reader.query(SEQUENCES_SQL, [schemas])).rows.filter((row) => row.owner_table === null || !skip(text(row.owner_table)));
  const sequences: SequenceModel[] = sequenceRows.map((row) => ({
    name: named(row),
    type: text(row.type),
    start: text(row.start),
    increment: text(row.increment),
    min: text(row.min),
    max: text(row.max),
    cycle: row.cycle === true,
  }));
  const enums: EnumModel[] = (await reader.query(ENUMS_SQL, [schemas])).rows.map((row) => ({ name: named(row), labels: (row.labels as string[]) ?? [] }));
  const unmodelledRows = (await reader.query(UNMODELLED_SQL, [schemas])).rows.filter((row) => row.table_name === null || !skip(text(row.table_name)));
  const unmodelled: UnmodelledObject[] = unmodelledRows.map((row) => ({
    kind: text(row.kind),
    // Extensions live in a schema but belong to the database; their own name is what people know.
    name: row.kind === "extension" ? text(row.name) : named(row),
    table: row.table_name === null ? null : qualify(text(row.schema), text(row.table_name)),
  }));
  return { views, sequences, enums, unmodelled };
}
