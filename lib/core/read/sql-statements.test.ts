import { describe, expect, it } from "vitest";
import { splitSqlStatements, sqlStatements } from "./sql-statements";

describe("sqlStatements", () => {
  it("gives each statement with its offset, so a failure can name its line", () => {
    const sql = "CREATE TABLE a (id int);\n\n  INSERT INTO a VALUES (1);\nSELECT 1";
    expect(sqlStatements(sql)).toEqual([
      { text: "CREATE TABLE a (id int)", offset: 0 },
      { text: "INSERT INTO a VALUES (1)", offset: 28 },
      { text: "SELECT 1", offset: 54 },
    ]);
  });

  it.each([
    ["a SQLite trigger body stays whole",
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET n = n + 1; INSERT INTO log VALUES ('x'); END; SELECT 1;",
      ["CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET n = n + 1; INSERT INTO log VALUES ('x'); END", "SELECT 1"]],
    ["a MySQL procedure with IF, CASE and nested blocks stays whole",
      "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT CASE WHEN 1 THEN 2 END; END IF; BEGIN SELECT 3; END; END;\nCALL p();",
      ["CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT CASE WHEN 1 THEN 2 END; END IF; BEGIN SELECT 3; END; END", "CALL p()"]],
    ["a trigger without a block ends at its semicolon",
      "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.n = 1; SELECT 2;",
      ["CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.n = 1", "SELECT 2"]],
    ["BEGIN and CASE outside compound statements do not nest",
      "BEGIN; SELECT CASE WHEN true THEN 1 END; COMMIT;", ["BEGIN", "SELECT CASE WHEN true THEN 1 END", "COMMIT"]],
    ["keywords inside strings and comments are not blocks",
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 'END;'; -- END;\n END; SELECT 1;",
      ["CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 'END;'; -- END;\n END", "SELECT 1"]],
  ])("%s", (_name, sql, expected) => {
    expect(splitSqlStatements(sql)).toEqual(expected);
  });

  it("reads MySQL's backslash escapes, backticks and # comments only when asked", () => {
    const sql = "INSERT INTO `a;b` VALUES ('it\\'s; fine'); # a; comment\nSELECT 1;";
    expect(splitSqlStatements(sql, { mysql: true })).toEqual(["INSERT INTO `a;b` VALUES ('it\\'s; fine')", "# a; comment\nSELECT 1"]);
    expect(splitSqlStatements("SELECT 'a\\'; SELECT 2;")).toEqual(["SELECT 'a\\'", "SELECT 2"]);
  });
});
