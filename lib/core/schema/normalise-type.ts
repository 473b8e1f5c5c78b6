// Column types in one spelling per backend, so that the same type compares equal however the
// catalog or a migration wrote it. Idempotent.
import type { SchemaDialect } from "./model";

export function normaliseType(type: string, dialect: SchemaDialect): string {
  if (dialect === "sqlite") return sqliteAffinity(type);
  if (dialect === "mysql") return normaliseMysqlType(type);
  return normalisePostgresType(type);
}

/** Lower case outside quotes, single spaces, none inside parentheses: `Varchar ( 32 )` → `varchar(32)`. */
function tidy(type: string): string {
  let out = "";
  let quoted = false;
  for (const c of type.trim()) {
    if (c === "'") quoted = !quoted;
    out += quoted || c === "'" ? c : c.toLowerCase();
  }
  if (quoted) return out;
  return out.replace(/\s+/g, " ").replace(/\s*([(),])\s*/g, "$1").replace(/\)(?=[a-z])/g, ") ");
}

const POSTGRES_ALIASES: Record<string, string> = {
  int: "integer", int4: "integer", integer: "integer", serial: "integer", serial4: "integer",
  int8: "bigint", bigint: "bigint", bigserial: "bigint", serial8: "bigint",
  int2: "smallint", smallint: "smallint", smallserial: "smallint", serial2: "smallint",
  float8: "double precision", "double precision": "double precision", float: "double precision",
  float4: "real", real: "real",
  bool: "boolean", boolean: "boolean",
  decimal: "numeric", numeric: "numeric",
  "character varying": "varchar", varchar: "varchar",
  character: "char", char: "char", bpchar: "char",
  "bit varying": "varbit", varbit: "varbit",
  "timestamp without time zone": "timestamp", timestamp: "timestamp",
  "timestamp with time zone": "timestamptz", timestamptz: "timestamptz",
  "time without time zone": "time", time: "time",
  "time with time zone": "timetz", timetz: "timetz",
};

/** `int4` → `integer`, `character varying(32)` → `varchar(32)`, `_text` → `text[]`, `timestamp(3) with time zone` → `timestamptz(3)`. */
export function normalisePostgresType(raw: string): string {
  let type = tidy(raw);
  let dims = "";
  while (type.endsWith("[]")) {
    dims += "[]";
    type = type.slice(0, -2).trim();
  }
  if (type.startsWith("_")) {
    dims += "[]";
    type = type.slice(1);
  }
  // format_type puts the precision in the middle: timestamp(3) with time zone.
  const zoned = /^(timestamp|time)\((\d+)\) (with|without) time zone$/.exec(type);
  if (zoned) type = `${zoned[1]} ${zoned[3]} time zone(${zoned[2]})`;
  const match = /^([a-z_][a-z0-9_ ."]*?)(\(.*\))?$/.exec(type);
  if (!match) return type + dims;
  const base = POSTGRES_ALIASES[match[1]!.trim()] ?? match[1]!.trim();
  let args = match[2] ?? "";
  if (base === "char" && args === "") args = "(1)";
  if (match[1] === "float" && args) return (Number(args.slice(1, -1)) <= 24 ? "real" : "double precision") + dims;
  return base + args + dims;
}

const MYSQL_INTEGERS = /^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/;

/** `int(11)` → `int`, `integer unsigned` → `int unsigned`, `decimal` → `decimal(10,0)`, `bool` → `tinyint`. */
export function normaliseMysqlType(raw: string): string {
  let type = tidy(raw)
    .replace(/^integer\b/, "int")
    .replace(/^(bool|boolean)$/, "tinyint")
    .replace(/^(dec|numeric|fixed)\b/, "decimal")
    .replace(/^(double precision|real)\b/, "double")
    .replace(/^character varying\b/, "varchar")
    .replace(/^character\b/, "char");
  // MySQL 8.0.19 stopped reporting integer display widths; they never changed what is stored.
  type = type.replace(MYSQL_INTEGERS, "$1");
  if (/^decimal(?!\()/.test(type)) type = type.replace(/^decimal/, "decimal(10,0)");
  type = type.replace(/^decimal\((\d+)\)/, "decimal($1,0)");
  if (/^(char|binary|bit)(?![a-z(])/.test(type)) type = type.replace(/^(char|binary|bit)/, "$1(1)");
  return type.replace(/^year\(4\)/, "year");
}

/** SQLite stores any value in any column; what a declared type decides is its affinity (§3.1 of SQLite's datatype page). */
export function sqliteAffinity(declared: string): string {
  const type = declared.toUpperCase();
  if (["integer", "text", "blob", "real", "numeric"].includes(declared)) return declared;
  if (type.includes("INT")) return "integer";
  if (type.includes("CHAR") || type.includes("CLOB") || type.includes("TEXT")) return "text";
  if (type.includes("BLOB") || type.trim() === "") return "blob";
  if (type.includes("REAL") || type.includes("FLOA") || type.includes("DOUB")) return "real";
  return "numeric";
}
