import { describe, expect, it } from "vitest";
import { fileTemplateProblem, newRevisionId, renderFileName, slugify } from "./slug";

const LONG = "this is a really long name with lots of characters and also spaces in it";

describe("slugify follows Alembic's slug rule", () => {
  it.each([
    ["add email, to users!", 40, "add_email_to_users"],
    ["this is a message", 40, "this_is_a_message"],
    [LONG, 40, "this_is_a_really_long_name_with_lots_of_"],
    [LONG, 60, "this_is_a_really_long_name_with_lots_of_characters_and_also_"],
    [LONG, 0, "this_is_a_really_long_name_with_lots_of_"],
    ["Crème brûlée für Ärzte", 40, "crème_brûlée_für_ärzte"],
    ["", 40, ""],
    ["  ---  ", 40, ""],
    ["a".repeat(45), 40, "a".repeat(40) + "_"],
    ["日本語 テーブル 追加", 40, "日本語_テーブル_追加"],
  ])("%j at %i → %j", (message, length, expected) => {
    expect(slugify(message, length)).toBe(expected);
  });
});

describe("renderFileName formats file_template like Python's % operator", () => {
  const date = { year: 2012, month: 7, day: 25, hour: 15, minute: 8, second: 5, epoch: 1343228885 };
  it.each([
    ["%(rev)s_%(slug)s", "12345_this_is_a_message"],
    ["%(rev)s_%(slug)s_%(year)s_%(month)s_%(day)s_%(hour)s_%(minute)s_%(second)s", "12345_this_is_a_message_2012_7_25_15_8_5"],
    ["%(epoch)s_%(rev)s", "1343228885_12345"],
    ["%(year)d/%(month).2d/%(day).2d_%(rev)s_%(slug)s", "2012/07/25_12345_this_is_a_message"],
    ["%(year)d%(month)02d%(day)02d_%(slug).4s", "20120725_this"],
    ["100%%_%(rev)s", "100%_12345"],
  ])("%s", (template, expected) => {
    expect(fileTemplateProblem(template)).toBeNull();
    expect(renderFileName(template, { rev: "12345", slug: "this_is_a_message", date })).toBe(expected);
  });

  it("takes local time parts from a Date", () => {
    expect(renderFileName("%(year)d_%(month).2d_%(rev)s", { rev: "ab", slug: "", date: new Date(2024, 11, 26, 1, 2, 3) })).toBe("2024_12_ab");
  });

  it.each([
    ["%(nope)s", "unknown token 'nope'"],
    ["%s_%(rev)s", "format requires a mapping"],
    ["%(rev)d", "cannot format 'rev'"],
    ["%(rev)s_%", "format requires a mapping"],
  ])("finds the problem in %s", (template, message) => {
    expect(fileTemplateProblem(template)).toMatchObject({ message: expect.stringContaining(message), fix: expect.any(String) });
  });
});

describe("newRevisionId", () => {
  it("returns 12 lowercase hex digits, different each time", () => {
    const ids = new Set(Array.from({ length: 50 }, newRevisionId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
  });
});
