import { describe, expect, it } from "vitest";
import { parseSqlRevision, splitSqlStatements } from "./parse-sql";

const FULL = `-- revision: 3f2a1b9c0d4e
-- down_revision: 1a2b3c4d5e6f, 9e8d7c6b5a4f
-- branch_labels: billing
-- depends_on: 7c6b5a4f3e2d
-- message: add invoices table
-- create_date: 2026-11-20 10:00:00
-- transactional: false

-- migrate:up
CREATE TABLE invoices (id int);

-- migrate:down
DROP TABLE invoices;
`;

describe("parseSqlRevision reads the native format", () => {
  it("reads every header and both sections", () => {
    expect(parseSqlRevision("migrations/3f2a_add.sql", FULL)).toEqual({
      problems: [],
      revision: {
        revision: "3f2a1b9c0d4e",
        downRevisions: ["1a2b3c4d5e6f", "9e8d7c6b5a4f"],
        branchLabels: ["billing"],
        dependsOn: ["7c6b5a4f3e2d"],
        message: "add invoices table",
        longDoc: "add invoices table",
        createDate: "2026-11-20 10:00:00",
        path: "migrations/3f2a_add.sql",
        format: "sql",
        sql: { up: "CREATE TABLE invoices (id int);", down: "DROP TABLE invoices;", transactional: false, upLine: 10, downLine: 13 },
      },
    });
  });

  it.each([
    ["absent down_revision is a base", "-- revision: r1\n-- migrate:up\nSELECT 1;", { downRevisions: [], message: "", createDate: null }],
    ["empty down_revision is a base", "-- revision: r1\n-- down_revision:\n-- migrate:up\n", { downRevisions: [] }],
    ["transactional defaults to true", "-- revision: r1\n-- migrate:up\n", { sql: { up: "", down: "", transactional: true } }],
    ["CRLF files", "-- revision: r1\r\n-- down_revision: p1\r\n-- migrate:up\r\nSELECT 1;\r\n-- migrate:down\r\nSELECT 2;\r\n",
      { downRevisions: ["p1"], sql: { up: "SELECT 1;", down: "SELECT 2;", transactional: true } }],
    ["header-like lines in the body are SQL", "-- revision: r1\n-- migrate:up\n-- note: keep\nSELECT 1;", { sql: { up: "-- note: keep\nSELECT 1;", down: "", transactional: true } }],
    ["free comments in the header", "-- a file comment\n-- revision: r1\n\n-- migrate:up\n", { revision: "r1" }],
  ])("%s", (_name, text, expected) => {
    const { revision, problems } = parseSqlRevision("x.sql", text);
    expect(problems).toEqual([]);
    expect(revision).toMatchObject(expected);
  });
});

describe("parseSqlRevision reports problems with line numbers", () => {
  it.each([
    ["missing revision", "-- message: x\n-- migrate:up\n", "missing-revision-id", 1, "no `-- revision:` header", true],
    ["bad revision id", "-- revision: a-b\n-- migrate:up\n", "bad-revision-id", 1, "Character(s) '-' not allowed in revision identifier 'a-b'", true],
    ["bad parent id", "-- revision: r1\n-- down_revision: p1, p 2\n-- migrate:up\n", "bad-revision-id", 2, "whitespace", true],
    ["empty parent entry", "-- revision: r1\n-- down_revision: p1,\n-- migrate:up\n", "empty-down-revision", 2, "empty entry", true],
    ["unknown header key", "-- revision: r1\n-- author: me\n-- migrate:up\n", "syntax", 2, "Unknown header `author`", false],
    ["missing up marker", "-- revision: r1\nSELECT 1;\n", "syntax", 1, "no `-- migrate:up`", false],
    ["SQL before the up marker", "-- revision: r1\nSELECT 1;\n-- migrate:up\n", "syntax", 2, "before the `-- migrate:up`", false],
    ["duplicate up marker", "-- revision: r1\n-- migrate:up\n-- migrate:up\n", "syntax", 3, "more than once", false],
    ["down before up", "-- revision: r1\n-- migrate:down\n-- migrate:up\n", "syntax", 2, "comes before", false],
    ["duplicate header", "-- revision: r1\n-- revision: r2\n-- migrate:up\n", "syntax", 2, "given twice", false],
    ["bad transactional", "-- revision: r1\n-- transactional: maybe\n-- migrate:up\n", "syntax", 2, "must be true or false", false],
    ["dbmate marker options", "-- revision: r1\n-- migrate:up transaction:false\n", "syntax", 2, "transaction:false", false],
  ])("%s", (_name, text, kind, line, message, fatal) => {
    const { revision, problems } = parseSqlRevision("x.sql", text);
    expect(problems).toContainEqual(expect.objectContaining({ kind, line, path: "x.sql", message: expect.stringContaining(message), fix: expect.any(String) }));
    expect(revision === null).toBe(fatal);
  });
});

describe("splitSqlStatements", () => {
  it.each([
    ["splits on semicolons", "SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]],
    ["keeps a last statement without a semicolon", "SELECT 1;\nSELECT 2", ["SELECT 1", "SELECT 2"]],
    ["ignores semicolons in strings", "INSERT INTO t VALUES ('a;b', 'it''s;');", ["INSERT INTO t VALUES ('a;b', 'it''s;')"]],
    ["ignores semicolons in E-strings with backslashes", "SELECT E'\\';x'; SELECT 2", ["SELECT E'\\';x'", "SELECT 2"]],
    ["ignores semicolons in quoted identifiers", 'SELECT 1 AS "a;b"; SELECT 2', ['SELECT 1 AS "a;b"', "SELECT 2"]],
    ["ignores semicolons in line comments", "SELECT 1; -- a;b\nSELECT 2;", ["SELECT 1", "-- a;b\nSELECT 2"]],
    ["ignores semicolons in nested block comments", "SELECT /* a; /* b; */ c; */ 1; SELECT 2", ["SELECT /* a; /* b; */ c; */ 1", "SELECT 2"]],
    ["keeps $$ bodies whole", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2;",
      ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"]],
    ["keeps $tag$ bodies whole, even with $$ inside", "DO $body$ BEGIN PERFORM '$$;'; END $body$; SELECT 2",
      ["DO $body$ BEGIN PERFORM '$$;'; END $body$", "SELECT 2"]],
    ["does not take $1 for a dollar quote", "PREPARE p AS SELECT $1; SELECT 2", ["PREPARE p AS SELECT $1", "SELECT 2"]],
    ["drops comment-only and empty pieces", "SELECT 1;;\n-- trailing note\n", ["SELECT 1"]],
    ["returns nothing for nothing", "  \n", []],
  ])("%s", (_name, sql, expected) => {
    expect(splitSqlStatements(sql)).toEqual(expected);
  });
});
