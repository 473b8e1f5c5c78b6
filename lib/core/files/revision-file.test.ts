import { describe, expect, it } from "vitest";
import { classifyRevisionFile, validateRevisionId } from "./revision-file";

describe("classifyRevisionFile follows Alembic's file rules (§1.2)", () => {
  it.each([
    ["abc_add.py", false, "python"],
    [".hidden.py", false, "python"],
    ["0001.sql", false, "sql"],
    ["__init__.py", false, null],
    ["__init__x.py", false, null],
    [".#003.py", false, null],
    [".#003.sql", false, null],
    ["notes.txt", false, null],
    ["x.pyx", false, null],
    ["X.PY", false, null],
    ["abc.pyc", false, null],
    ["abc.pyc", true, "sourceless"],
    ["abc.pyo", true, "sourceless"],
    ["__init__.pyc", true, null],
    ["abc.py", true, "python"],
  ])("%s (sourceless=%s) → %s", (name, sourceless, expected) => {
    expect(classifyRevisionFile(name, { sourceless })).toBe(expected);
  });
});

describe("validateRevisionId", () => {
  it.each([
    ["ae1027a6acf", null],
    ["my_rev_1", null],
    ["no-dashes", "Character(s) '-' not allowed in revision identifier 'no-dashes'"],
    ["no@atsigns-ordashes", "Character(s) '-, @' not allowed in revision identifier 'no@atsigns-ordashes'"],
    ["a+b:c", "Character(s) '+, :' not allowed in revision identifier 'a+b:c'"],
    ["", "A revision identifier cannot be empty"],
    ["ab cd", "Revision identifier 'ab cd' contains whitespace"],
    ["a".repeat(32), null],
    ["a".repeat(33), `Revision identifier '${"a".repeat(33)}' is 33 characters long; alembic_version.version_num holds at most 32`],
  ])("%j → %j", (id, expected) => expect(validateRevisionId(id)).toBe(expected));
});
