import { describe, expect, it } from "vitest";
import { basename, dirname, isAbsolutePath, joinPath, normalizePath, relativePath, resolvePath } from "./posix-path";

describe("posix paths behave like Python's posixpath", () => {
  it.each([
    ["/a/./b//c/", "/a/b/c"],
    ["/a/b/../../..", "/"],
    ["a/../../b", "../b"],
    ["", "."],
    ["./", "."],
  ])("normalizePath(%j) = %j", (path, expected) => expect(normalizePath(path)).toBe(expected));

  it.each([
    [["/srv", "app", "versions"], "/srv/app/versions"],
    [["/srv/", "/abs", "x"], "/abs/x"],
    [["a", "", "b"], "a/b"],
    [["/srv/app", "../db"], "/srv/db"],
  ])("joinPath(%j) = %j", (parts, expected) => expect(joinPath(...parts)).toBe(expected));

  it.each([
    ["/work", "migrations", "/work/migrations"],
    ["/work", "/srv/m/../n", "/srv/n"],
  ])("resolvePath(%j, %j) = %j", (cwd, path, expected) => expect(resolvePath(cwd, path)).toBe(expected));

  it.each([
    ["/a/b/c.py", "/a/b", "c.py"],
    ["c.py", ".", "c.py"],
    ["/c.py", "/", "c.py"],
    ["/a/b/", "/a", "b"],
  ])("dirname/basename of %j", (path, dir, base) => {
    expect(dirname(path)).toBe(dir);
    expect(basename(path)).toBe(base);
  });

  it.each([
    ["/srv/app", "/srv/app/versions/x.py", "versions/x.py"],
    ["/srv/app", "/srv/other/x.py", "../other/x.py"],
    ["/srv/app", "/srv/app", "."],
  ])("relativePath(%j, %j) = %j", (from, to, expected) => expect(relativePath(from, to)).toBe(expected));

  it("knows absolute paths", () => {
    expect([isAbsolutePath("/x"), isAbsolutePath("x"), isAbsolutePath("pkg:dir")]).toEqual([true, false, false]);
  });
});
