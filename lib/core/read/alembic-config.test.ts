import { describe, expect, it } from "vitest";
import { readAlembicIni } from "./alembic-config";

const read = (body: string, section = "alembic") => readAlembicIni(body, "/srv/app", "/work/cwd", section);

describe("readAlembicIni", () => {
  it("reads the 1.16+ generated ini", () => {
    const config = read("[alembic]\nscript_location = %(here)s/migrations\npath_separator = os\nsqlalchemy.url = driver://user:pass@localhost/dbname\n");
    expect(config).toEqual({
      scriptLocation: "/srv/app/migrations",
      versionLocations: ["/srv/app/migrations/versions"],
      recursiveVersionLocations: false,
      sourceless: false,
      fileTemplate: "%(rev)s_%(slug)s",
      truncateSlugLength: 40,
      timezone: null,
      revisionEnvironment: false,
      sqlalchemyUrl: "driver://user:pass@localhost/dbname",
      prependSysPath: [],
      problems: [],
    });
  });

  it.each([
    ["path_separator", "prepend_sys_path = . src\npath_separator = space", ["/work/cwd", "/work/cwd/src"]],
    ["the 1.8 split on spaces, commas and colons", "prepend_sys_path = .:lib, src", ["/work/cwd", "/work/cwd/lib", "/work/cwd/src"]],
  ])("reads prepend_sys_path with %s, against the cwd", (_name, line, expected) => {
    expect(read(`[alembic]\nscript_location = m\n${line}\n`).prependSysPath).toEqual(expected);
  });

  it("takes the ini's folder as script_location when told to (Flask-Migrate), without a problem", () => {
    const config = readAlembicIni("[alembic]\n", "/srv/app/migrations", "/work", "alembic", { defaultScriptLocation: "/srv/app/migrations" });
    expect(config).toMatchObject({ scriptLocation: "/srv/app/migrations", versionLocations: ["/srv/app/migrations/versions"], problems: [] });
  });

  it.each([
    ["a relative script_location against the cwd", "script_location = migrations", { scriptLocation: "/work/cwd/migrations" }],
    ["%(here)s with ..", "script_location = %(here)s/../db", { scriptLocation: "/srv/db", versionLocations: ["/srv/db/versions"] }],
    ["version_locations replaces the default", "script_location = m\nversion_locations = %(here)s/a %(here)s/b", { versionLocations: ["/srv/app/a", "/srv/app/b"] }],
    ["legacy comma split", "script_location = m\nversion_locations = a, b,c", { versionLocations: ["/work/cwd/a", "/work/cwd/b", "/work/cwd/c"] }],
    ["path_separator wins over version_path_separator", "script_location = m\npath_separator = ;\nversion_path_separator = :\nversion_locations = a b;c ",
      { versionLocations: ["/work/cwd/a b", "/work/cwd/c"] }],
    ["path_separator newline", "script_location = m\npath_separator = newline\nversion_locations =\n  a\n  b", { versionLocations: ["/work/cwd/a", "/work/cwd/b"] }],
    ["exact-true booleans", "script_location = m\nrecursive_version_locations = True\nsourceless = true", { recursiveVersionLocations: false, sourceless: true }],
    ["asbool revision_environment", "script_location = m\nrevision_environment = Yes", { revisionEnvironment: true }],
    ["escaped file_template", "script_location = m\nfile_template = %%(year)d_%%(rev)s", { fileTemplate: "%(year)d_%(rev)s" }],
    ["truncate_slug_length 0 means 40", "script_location = m\ntruncate_slug_length = 0", { truncateSlugLength: 40 }],
    ["truncate_slug_length", "script_location = m\ntruncate_slug_length = 60", { truncateSlugLength: 60 }],
    ["timezone", "script_location = m\ntimezone = UTC", { timezone: "UTC" }],
  ])("reads %s", (_name, body, expected) => {
    const config = read(`[alembic]\n${body}\n`);
    expect(config.problems).toEqual([]);
    expect(config).toMatchObject(expected);
  });

  it.each([
    ["an uninterpolatable value Alembic never uses", "script_location = m\nversion_num_format = %04d", 3,
      "'%' must be followed by '%' or '(', found: '%04d'", "Write %%04d"],
    ["an unescaped file_template", "script_location = m\nfile_template = %(rev)s_%(year)d", 3, "interpolation key 'rev'", "%%(rev)s"],
    ["an inline comment after the separator", "script_location = m\nversion_path_separator = os  # Use os.pathsep. Default configuration used for new projects.\nversion_locations = a",
      3, "'os  # Use os.pathsep. Default configuration used for new projects.' is not a valid value for version_path_separator; expected 'space', 'os', ':', ';'",
      "Move the comment to its own line"],
    ["a missing script_location", "sqlalchemy.url = x", undefined, "No 'script_location' key found in configuration.", "script_location = %(here)s/migrations"],
    ["a package script_location", "script_location = myapp:migrations", 2, "package resource", "%(here)s/myapp/migrations"],
    ["a non-integer slug length", "script_location = m\ntruncate_slug_length = forty", 3, "invalid literal for int()", "whole number"],
    ["a file_template Alembic cannot fill", "script_location = m\nfile_template = %%(rev)s_%%(name)s", 3, "unknown token 'name'", "Available tokens"],
    ["a non-boolean revision_environment", "script_location = m\nrevision_environment = maybe", 3, "String is not true/false", "true or false"],
  ])("reports %s", (_name, body, line, message, fix) => {
    const { problems } = read(`[alembic]\n${body}\n`);
    expect(problems).toContainEqual({ kind: "ini", line, message: expect.stringContaining(message), fix: expect.stringContaining(fix) });
  });

  it("reports a missing section", () => {
    expect(read("[other]\nx = 1\n").problems).toMatchObject([{ kind: "ini", message: expect.stringContaining("no '[alembic]' section") }]);
  });

  it("reads a renamed section", () => {
    expect(read("[db2]\nscript_location = m\n", "db2").scriptLocation).toBe("/work/cwd/m");
  });

  it("never puts the database URL in a problem", () => {
    const config = read("[alembic]\nscript_location = m\nsqlalchemy.url = postgresql://u:S3cr%21t@dbhost/db\nother = %(sqlalchemy.url)s\n");
    expect(config.problems).toHaveLength(2);
    expect(JSON.stringify(config.problems)).not.toMatch(/S3cr|dbhost/);
  });
});
