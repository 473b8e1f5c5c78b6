import { describe, expect, it } from "vitest";
import { getOption, parseIni, sectionOptionNames } from "./ini";

// Expected values were produced by Python 3.11's configparser.ConfigParser({"here": "/proj"}).
const INI = `[alembic]
script_location = %(here)s/migrations
version_num_format = %04d
file_template = %(rev)s_%(year)d
x = abc %(year)d
multi = a
  b

  c
# comment
  d

Key: v=1 ; not comment
  ; indented comment
Y = %(x)s
rec1 = %(rec2)s
rec2 = %(rec1)s
sqlalchemy.url = postgresql://u:P%40ss@h/db
escaped = %%(rev)s_%%04d
[DEFAULT]
d1 = dv
[other]
[a] x]
q = %(d1)s %% %(HERE)s
`;

function read(section: string, key: string) {
  const result = getOption(parseIni(INI, { here: "/proj" }), section, key);
  return result.ok ? result.value : { error: result.problem.message, line: result.problem.line, fix: result.problem.fix };
}

describe("parseIni + getOption follow configparser with BasicInterpolation", () => {
  it.each([
    ["alembic", "script_location", "/proj/migrations"],
    ["alembic", "multi", "a\nb\n\nc\nd"],
    ["alembic", "key", "v=1 ; not comment"],
    ["alembic", "KEY", "v=1 ; not comment"],
    ["alembic", "escaped", "%(rev)s_%04d"],
    ["alembic", "here", "/proj"],
    ["alembic", "d1", "dv"],
    ["other", "d1", "dv"],
    ["a] x", "q", "dv % /proj"],
  ])("[%s] %s", (section, key, expected) => {
    expect(read(section, key)).toBe(expected);
  });

  it.each([
    ["version_num_format", 3, "'%' must be followed by '%' or '(', found: '%04d'", "Write %%04d"],
    ["file_template", 4,
      "Bad value substitution: option 'file_template' in section 'alembic' contains an interpolation key 'rev' which is not a valid option name. Raw value: '%(rev)s_%(year)d'",
      "%%(rev)s"],
    ["x", 5, "bad interpolation variable reference '%(year)d'", "%%(year)d"],
    ["y", 15, "bad interpolation variable reference '%(year)d'", "%%(year)d"],
    ["rec1", 16,
      "Recursion limit exceeded in value substitution: option 'rec1' in section 'alembic' contains an interpolation key which cannot be substituted in 10 steps. Raw value: '%(rec2)s'",
      "circular"],
  ])("reports %s with configparser's message", (key, line, message, fix) => {
    expect(read("alembic", key)).toEqual({ error: message, line, fix: expect.stringContaining(fix) });
  });

  it("never shows the database URL in a message", () => {
    const result = read("alembic", "sqlalchemy.url");
    expect(result).toMatchObject({ error: "'%' must be followed by '%' or '(', found: '<hidden>'", fix: expect.stringContaining("P%%40ss") });
    expect(JSON.stringify(result)).not.toContain("P%40ss@h");
  });

  it("lists a section's options then the defaults, as config.items() does", () => {
    expect(sectionOptionNames(parseIni(INI, { here: "/proj" }), "other")).toEqual(["here", "d1"]);
  });

  it("reports missing sections and options", () => {
    const doc = parseIni(INI, { here: "/proj" });
    expect(getOption(doc, "nope", "x")).toMatchObject({ ok: false, problem: { kind: "ini", message: "No section: 'nope'" } });
    expect(getOption(doc, "other", "x")).toMatchObject({ ok: false, problem: { message: "No option 'x' in section: 'other'" } });
  });

  it.each([
    ["an option before any section", "x = 1\n[a]\n", "File contains no section headers", 1],
    ["a line without a separator", "[a]\njust words\n", "Source contains parsing errors", 2],
    ["a duplicate section", "[a]\n[a]\n", "section 'a' already exists", 2],
    ["a duplicate option", "[a]\nx = 1\nX = 2\n", "option 'x' in section 'a' already exists", 3],
  ])("reports %s as a read error", (_name, text, message, line) => {
    expect(parseIni(text, {}).problems).toEqual([expect.objectContaining({ kind: "ini", line, message: expect.stringContaining(message) })]);
  });
});
