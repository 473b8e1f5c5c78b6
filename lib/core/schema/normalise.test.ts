import { describe, expect, it } from "vitest";
import type { SchemaDialect } from "./model";
import { normaliseDefault } from "./normalise-default";
import { normaliseExpression } from "./normalise-expression";
import { normaliseType } from "./normalise-type";

describe("normaliseType makes aliases of one type equal", () => {
  const cases: [SchemaDialect, string, string][] = [
    ["postgresql", "int4", "integer"],
    ["postgresql", "INTEGER", "integer"],
    ["postgresql", "serial", "integer"],
    ["postgresql", "int8", "bigint"],
    ["postgresql", "varchar(32)", "varchar(32)"],
    ["postgresql", "character varying(32)", "varchar(32)"],
    ["postgresql", "Character Varying ( 32 )", "varchar(32)"],
    ["postgresql", "character varying", "varchar"],
    ["postgresql", "bpchar", "char(1)"],
    ["postgresql", "character(3)", "char(3)"],
    ["postgresql", "timestamp with time zone", "timestamptz"],
    ["postgresql", "timestamp(3) with time zone", "timestamptz(3)"],
    ["postgresql", "timestamp without time zone", "timestamp"],
    ["postgresql", "numeric(10,2)", "numeric(10,2)"],
    ["postgresql", "decimal(10, 2)", "numeric(10,2)"],
    ["postgresql", "float8", "double precision"],
    ["postgresql", "float(10)", "real"],
    ["postgresql", "float(53)", "double precision"],
    ["postgresql", "bool", "boolean"],
    ["postgresql", "_int4", "integer[]"],
    ["postgresql", "integer[]", "integer[]"],
    ["postgresql", "text[][]", "text[][]"],
    ["mysql", "int(11)", "int"],
    ["mysql", "int(10) unsigned", "int unsigned"],
    ["mysql", "INTEGER", "int"],
    ["mysql", "bigint(20)", "bigint"],
    ["mysql", "tinyint(1)", "tinyint"],
    ["mysql", "boolean", "tinyint"],
    ["mysql", "decimal", "decimal(10,0)"],
    ["mysql", "numeric(8)", "decimal(8,0)"],
    ["mysql", "decimal(10,2)", "decimal(10,2)"],
    ["mysql", "varchar(32)", "varchar(32)"],
    ["mysql", "char", "char(1)"],
    ["mysql", "enum('New','Paid')", "enum('New','Paid')"],
    ["mysql", "double precision", "double"],
    ["sqlite", "INTEGER", "integer"],
    ["sqlite", "int", "integer"],
    ["sqlite", "BIGINT", "integer"],
    ["sqlite", "varchar(32)", "text"],
    ["sqlite", "CLOB", "text"],
    ["sqlite", "", "blob"],
    ["sqlite", "double", "real"],
    ["sqlite", "decimal(10,2)", "numeric"],
    ["sqlite", "boolean", "numeric"],
  ];
  it.each(cases)("%s: %j → %j", (dialect, raw, expected) => {
    const once = normaliseType(raw, dialect);
    expect(once).toBe(expected);
    expect(normaliseType(once, dialect)).toBe(once);
  });
});

describe("normaliseDefault reads each catalog's spelling as one", () => {
  const cases: [SchemaDialect, string | null, string | null, object?][] = [
    ["postgresql", "'pending'::text", "'pending'"],
    ["postgresql", "'pending'::character varying", "'pending'"],
    ["postgresql", "'it''s'::text", "'it''s'"],
    ["postgresql", "nextval('orders_id_seq'::regclass)", "nextval('orders_id_seq')"],
    ["postgresql", "now()", "now()"],
    ["postgresql", "CURRENT_TIMESTAMP", "now()"],
    ["postgresql", "0", "0"],
    ["postgresql", "'0'::numeric", "0"],
    ["postgresql", "(0)::bigint", "0"],
    ["postgresql", "(-1)", "-1"],
    ["postgresql", "'{}'::jsonb", "'{}'"],
    ["postgresql", "'2024-01-01'::date", "'2024-01-01'"],
    ["postgresql", "true", "true"],
    ["postgresql", "lower('X'::text)", "lower('X'::text)"],
    ["postgresql", "NULL::text", null],
    ["postgresql", null, null],
    ["sqlite", "'pending'", "'pending'"],
    ["sqlite", "CURRENT_TIMESTAMP", "current_timestamp"],
    ["sqlite", "(datetime('now'))", "datetime('now')"],
    ["sqlite", "NULL", null],
    ["mysql", "'pending'", "'pending'"],
    ["mysql", "pending", "'pending'", { quotedLiterals: false }],
    ["mysql", "it's", "'it''s'", { quotedLiterals: false }],
    ["mysql", "NULL", null],
    ["mysql", "0", "0"],
    ["mysql", "0", "0", { quotedLiterals: false }],
    ["mysql", "current_timestamp()", "current_timestamp"],
    ["mysql", "CURRENT_TIMESTAMP", "current_timestamp", { quotedLiterals: false, extra: "DEFAULT_GENERATED" }],
    ["mysql", "uuid()", "uuid()"],
  ];
  it.each(cases)("%s: %j → %j", (dialect, raw, expected, context) => {
    const once = normaliseDefault(raw, dialect, context);
    expect(once).toBe(expected);
    expect(normaliseDefault(once, dialect)).toBe(once);
  });
});

describe("normaliseExpression", () => {
  const cases: [SchemaDialect, string, string][] = [
    ["postgresql", "((quantity > 0))", "quantity > 0"],
    ["postgresql", "(quantity>0)", "quantity > 0"],
    ["postgresql", '("Status" = ANY (ARRAY[\'a\'::text, \'b\'::text]))', '"Status" = any (array[\'a\'::text, \'b\'::text])'],
    ["postgresql", '"status" IN (\'a\',\'b\')', "status in ('a', 'b')"],
    ["postgresql", "LOWER(email)", "lower(email)"],
    ["postgresql", "(a) + (b)", "(a) + (b)"],
    ["postgresql", "x = -1", "x = -1"],
    ["postgresql", "a - 1", "a - 1"],
    ["postgresql", "'Keep  Case'", "'Keep  Case'"],
    ["sqlite", '"Quantity" > 0', "quantity > 0"],
    ["mysql", "`quantity` > 0", "quantity > 0"],
    ["mysql", "json_valid(`doc`)", "json_valid(doc)"],
    ["postgresql", " SELECT o.id,\n    o.total\n   FROM orders o;", "select o.id, o.total from orders o"],
  ];
  it.each(cases)("%s: %j → %j", (dialect, raw, expected) => {
    const once = normaliseExpression(raw, dialect);
    expect(once).toBe(expected);
    expect(normaliseExpression(once, dialect)).toBe(once);
  });
});
