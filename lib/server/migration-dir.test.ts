import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMigrationDirectory, MAX_REVISION_FILE_BYTES } from "./migration-dir";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "retort-dir-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string | Buffer): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const revision = (id: string, down: string | null, extra = "") =>
  `"""${id}"""\n${extra}revision = '${id}'\ndown_revision = ${down === null ? "None" : `'${down}'`}\n`;

describe("loadMigrationDirectory finds projects where Alembic would", () => {
  it("reads a Flask-Migrate folder: alembic.ini without script_location beside env.py and versions/", async () => {
    write("migrations/alembic.ini", "[alembic]\n# template used to generate migration files\n\n[loggers]\nkeys = root\n");
    write("migrations/env.py", "");
    write("migrations/versions/a1_init.py", revision("a1", null));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "migrations") });
    expect(dir.problems).toEqual([]);
    expect(dir.sources.map((s) => s.revision)).toEqual(["a1"]);
    expect(dir.versionDirectories).toEqual([path.join(root, "migrations", "versions")]);
  });

  it("loads files in Python's code-point order, which differs from UTF-16 order once a name has an astral character", async () => {
    // U+FF5E (one UTF-16 unit, 0xFF5E) sorts after U+1F600 (surrogates 0xD83D 0xDE00) in UTF-16,
    // before it by code point; a plain name in the same folder keeps the fast comparison honest.
    write("versions/x\u{1F600}.py", revision("b2", "c3"));
    write("versions/x\uFF5E.py", revision("c3", "a1"));
    write("versions/a.py", revision("a1", null));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(dir.sources.map((s) => s.path)).toEqual(["a.py", "x\uFF5E.py", "x\u{1F600}.py"]);
  });

  it("says where it looked when a directory has no revision files", async () => {
    mkdirSync(path.join(root, "versions"));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(dir.problems).toMatchObject([{ kind: "no-revisions", message: expect.stringContaining(`Retort looked in ${path.join(root, "versions")}`) }]);
  });

  it("points at the subfolder when the revisions live one level down", async () => {
    write("versions/2024/a1_init.py", revision("a1", null));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(dir.problems).toMatchObject([{ kind: "no-revisions", message: expect.stringContaining("revision files are in 2024"), fix: expect.stringContaining("recursive_version_locations = true") }]);
  });

  it("follows imports to the project's own constants along prepend_sys_path and records the files read", async () => {
    write("alembic.ini", "[alembic]\nscript_location = %(here)s/app/db/migrations\nprepend_sys_path = .\n");
    write("app/__init__.py", "");
    write("app/db/__init__.py", "");
    const cli = write("app/db/cli.py", "EXPAND = 'expand'\n");
    write("app/db/migrations/env.py", "");
    write("app/db/migrations/versions/a1.py", revision("a1", null, "from app.db import cli\nbranch_labels = (cli.EXPAND,)\n"));
    const dir = await loadMigrationDirectory({ alembicIni: path.join(root, "alembic.ini"), cwd: root });
    expect(dir.problems).toEqual([]);
    expect(dir.sources[0]).toMatchObject({ revision: "a1", branchLabels: ["expand"] });
    expect(dir.imports).toEqual({ "app/db/migrations/versions/a1.py": [path.join(root, "app/db/__init__.py"), cli] });
    expect(dir.importedModules).toContain(cli);
  });

  it("finds an installed-in-place package above the script location without prepend_sys_path (neutron)", async () => {
    write("neutron/__init__.py", "");
    write("neutron/db/__init__.py", "");
    write("neutron/db/migration/__init__.py", "");
    write("neutron/db/migration/cli.py", "CONTRACT_BRANCH = 'contract'\n");
    write("neutron/db/migration/alembic.ini", "[alembic]\nscript_location = %(here)s/alembic_migrations\n");
    write("neutron/db/migration/alembic_migrations/env.py", "");
    write("neutron/db/migration/alembic_migrations/versions/c1.py", revision("c1", null, "from neutron.db.migration import cli\nbranch_labels = (cli.CONTRACT_BRANCH,)\n"));
    const dir = await loadMigrationDirectory({ alembicIni: path.join(root, "neutron/db/migration/alembic.ini"), cwd: path.join(root, "neutron/db/migration") });
    expect(dir.sources[0]?.branchLabels).toEqual(["contract"]);
  });
});

describe("loadMigrationDirectory survives hostile files", () => {
  it("skips a dangling symlink with a warning instead of failing", async () => {
    write("versions/a1.py", revision("a1", null));
    symlinkSync(path.join(root, "gone.py"), path.join(root, "versions", "b2.py"));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(dir.sources.map((s) => s.revision)).toEqual(["a1"]);
    expect(dir.problems).toMatchObject([{ kind: "unreadable", severity: "warning", path: "b2.py", message: expect.stringContaining("does not exist") }]);
  });

  it("does not follow a symlink that leaves the project, and reports it", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "retort-outside-"));
    try {
      writeFileSync(path.join(outside, "secret.py"), revision("s1", null));
      write("versions/a1.py", revision("a1", null));
      symlinkSync(path.join(outside, "secret.py"), path.join(root, "versions", "s1.py"));
      const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
      expect(dir.sources.map((s) => s.revision)).toEqual(["a1"]);
      expect(dir.problems).toMatchObject([{ kind: "outside-project", path: "s1.py", message: expect.stringContaining("outside the project") }]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("follows a symlink that stays inside the project (the folder holding alembic.ini)", async () => {
    write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n");
    write("shared/b2.py", revision("b2", "a1"));
    write("migrations/versions/a1.py", revision("a1", null));
    symlinkSync(path.join(root, "shared", "b2.py"), path.join(root, "migrations", "versions", "b2.py"));
    const dir = await loadMigrationDirectory({ alembicIni: path.join(root, "alembic.ini"), cwd: root });
    expect(dir.problems).toEqual([]);
    expect(dir.sources.map((s) => s.revision)).toEqual(["a1", "b2"]);
  });

  it("refuses a binary file and an oversized file with one problem each", async () => {
    write("versions/a1.py", revision("a1", null));
    write("versions/blob.py", Buffer.from([0x72, 0x65, 0x76, 0, 1, 2, 3, 0xff]));
    write("versions/huge.py", Buffer.alloc(MAX_REVISION_FILE_BYTES + 1, 0x23));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(dir.sources.map((s) => s.revision)).toEqual(["a1"]);
    expect(dir.problems).toMatchObject([
      { kind: "unreadable", path: "blob.py", message: expect.stringContaining("NUL bytes") },
      { kind: "unreadable", path: "huge.py", message: expect.stringContaining("over the 4 MB limit") },
    ]);
  });

  it("caps the problems of the project, with a count of the rest", async () => {
    for (let i = 0; i < 230; i++) write(`versions/m${String(i).padStart(3, "0")}.py`, `down_revision = None\n`);
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(dir.problems.length).toBe(201);
    expect(dir.problems[200]).toMatchObject({ kind: "too-many-problems", severity: "error", message: "30 more problem(s) in this project are not listed" });
  });
});

describe("loadMigrationDirectory decodes sources as Python does", () => {
  const messageOf = async (bytes: Buffer) => {
    write("versions/a1.py", bytes);
    const dir = await loadMigrationDirectory({ dir: path.join(root, "versions") });
    return dir.sources[0]?.message;
  };

  it("drops a UTF-8 byte order mark before the docstring", async () => {
    const text = Buffer.from(revision("a1", null).replace('"""a1"""', '"""café"""'));
    expect(await messageOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]))).toBe("café");
  });

  it("honours a latin-1 coding cookie as ISO-8859-1, not windows-1252 (0x80 is U+0080, not €)", async () => {
    const head = Buffer.from("# -*- coding: latin-1 -*-\n\"\"\"price ");
    const rest = Buffer.from(` \xe9t\xe9"""\nrevision = 'a1'\ndown_revision = None\n`, "latin1");
    expect(await messageOf(Buffer.concat([head, Buffer.from([0x80]), rest]))).toBe("price \u0080 été");
  });

  it("reads bad UTF-8 without a cookie with replacement characters rather than failing", async () => {
    const bytes = Buffer.concat([Buffer.from('"""bad '), Buffer.from([0xff]), Buffer.from(` byte"""\nrevision = 'a1'\ndown_revision = None\n`)]);
    expect(await messageOf(bytes)).toBe("bad \ufffd byte");
  });

  it("reads each file whole whatever the sizes around it (one read buffer serves every file)", async () => {
    const big = (id: string, down: string | null, fill: string, kb: number) =>
      revision(id, down).replace(`"""${id}"""`, `"""${id} ${fill.repeat(kb * 1024)}"""`);
    write("v/a1.py", big("a1", null, "x", 1));
    write("v/a2.py", big("a2", "a1", "y", 300));
    write("v/a3.py", revision("a3", "a2"));
    write("v/a4.py", big("a4", "a3", "z", 70));
    const dir = await loadMigrationDirectory({ dir: path.join(root, "v") });
    expect(dir.problems).toEqual([]);
    expect(dir.sources.map((s) => [s.revision, s.message.length])).toEqual([["a1", 3 + 1024], ["a2", 3 + 300 * 1024], ["a3", 2], ["a4", 3 + 70 * 1024]]);
    expect(dir.sources[3].message.endsWith("zzz")).toBe(true);
  });
});
