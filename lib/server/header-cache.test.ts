import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asciiJson } from "./header-cache";
import { FORMAT } from "./header-cache-format";
import { loadMigrationDirectory } from "./migration-dir";

// Real files on disk, real mtimes: the cache must never answer for a file that changed.
let root: string;
let cacheDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "retort-hcache-"));
  cacheDir = path.join(root, "cache");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
function write(rel: string, text: string, mtimeMs?: number): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  // Whole seconds, so the mtime read back is exactly the one set.
  if (mtimeMs !== undefined) utimesSync(file, Math.floor(mtimeMs / 1000), Math.floor(mtimeMs / 1000));
  return file;
}
const revision = (id: string, down: string | null, message = id) =>
  `"""${message}"""\nrevision = '${id}'\ndown_revision = ${down === null ? "None" : `'${down}'`}\n`;

const load = (version = "v1") => loadMigrationDirectory({ dir: path.join(root, "versions"), cache: { dir: cacheDir, version } });
const messages = async (version?: string) => (await load(version)).sources.map((s) => `${s.revision}:${s.message}`);
const cacheFile = () => path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith(".json"))!);

/** Rewrites the cached message of every entry: a later load that shows it reused the cache. */
function tamperCachedMessages(): void {
  const file = cacheFile();
  const data = JSON.parse(readFileSync(file, "utf8"));
  // A row's last item is the compact revision; its fifth is the message (a string, or a prefix length of the docstring).
  for (const row of Object.values<any>(data.entries)) row[7][4] = "FROM-CACHE";
  writeFileSync(file, asciiJson(data));
}

describe("the persistent header cache", () => {
  it("reuses an old, unchanged file's header without reading it, and only for the same version", async () => {
    write("versions/a1.py", revision("a1", null), Date.now() - HOUR);
    expect(await messages()).toEqual(["a1:a1"]);
    tamperCachedMessages();
    expect(await messages()).toEqual(["a1:FROM-CACHE"]);
    expect(await messages("v2")).toEqual(["a1:a1"]);
  });

  it("sees an edit that changes the size, and one that keeps size and mtime (ctime moves)", async () => {
    const old = Math.floor((Date.now() - HOUR) / 1000) * 1000;
    write("versions/a1.py", revision("a1", null, "first"), old);
    expect(await messages()).toEqual(["a1:first"]);
    write("versions/a1.py", revision("a1", null, "second, longer"), old);
    expect(await messages()).toEqual(["a1:second, longer"]);
    write("versions/a1.py", revision("a1", null, "third, longer!"), old);
    expect(statSync(path.join(root, "versions/a1.py")).mtimeMs).toBe(old);
    expect(await messages()).toEqual(["a1:third, longer!"]);
  });

  it("sees a git checkout: same size, a new mtime", async () => {
    write("versions/a1.py", revision("a1", null, "aaaa"), Date.now() - HOUR);
    expect(await messages()).toEqual(["a1:aaaa"]);
    write("versions/a1.py", revision("a1", null, "bbbb"));
    expect(await messages()).toEqual(["a1:bbbb"]);
  });

  it("does not trust a stamp recorded within the racy window: the content hash decides", async () => {
    write("versions/a1.py", revision("a1", null, "aaaa"));
    expect(await messages()).toEqual(["a1:aaaa"]);
    tamperCachedMessages();
    // Unchanged content: the hash matches, so the (tampered) entry is reused...
    expect(await messages()).toEqual(["a1:FROM-CACHE"]);
    // ...changed content in the same tick: the hash does not, so the file is parsed again.
    const mtime = statSync(path.join(root, "versions/a1.py")).mtimeMs;
    write("versions/a1.py", revision("a1", null, "bbbb"), mtime);
    expect(await messages()).toEqual(["a1:bbbb"]);
  });

  it("survives clock skew: an mtime in the future, and a clock moved backwards", async () => {
    const future = Date.now() + HOUR;
    write("versions/a1.py", revision("a1", null, "aaaa"), future);
    expect(await messages()).toEqual(["a1:aaaa"]);
    write("versions/a1.py", revision("a1", null, "bbbb"), future);
    expect(await messages()).toEqual(["a1:bbbb"]);
    const past = Date.now() - HOUR;
    write("versions/b2.py", revision("b2", "a1", "cccc"), past);
    expect(await messages()).toEqual(["a1:bbbb", "b2:cccc"]);
    write("versions/b2.py", revision("b2", "a1", "dddd"), past - HOUR);
    expect(await messages()).toEqual(["a1:bbbb", "b2:dddd"]);
  });

  it("re-reads a revision when a module it took a value from changes", async () => {
    const old = Date.now() - HOUR;
    write("alembic.ini", "[alembic]\nscript_location = %(here)s/mig\nprepend_sys_path = .\n");
    write("app/__init__.py", "", old);
    write("app/labels.py", "LABEL = 'one'\n", old);
    write("mig/env.py", "");
    write("mig/versions/a1.py", `"""a1"""\nfrom app import labels\nrevision = 'a1'\ndown_revision = None\nbranch_labels = (labels.LABEL,)\n`, old);
    const loadIni = () => loadMigrationDirectory({ alembicIni: path.join(root, "alembic.ini"), cwd: root, cache: { dir: cacheDir, version: "v1" } });
    expect((await loadIni()).sources[0]!.branchLabels).toEqual(["one"]);
    expect((await loadIni()).imports["mig/versions/a1.py"]).toContain(path.join(root, "app/labels.py"));
    write("app/labels.py", "LABEL = 'two'\n", old);
    expect((await loadIni()).sources[0]!.branchLabels).toEqual(["two"]);
  });

  it("forgets deleted files, picks up new ones, and never caches a file with problems", async () => {
    write("versions/a1.py", revision("a1", null), Date.now() - HOUR);
    write("versions/b2.py", "revision = 'b2'\n", Date.now() - HOUR);
    expect((await load()).problems.map((p) => p.kind)).toEqual(["missing-down-revision"]);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile(), "utf8")).entries)).toEqual(["a1.py"]);
    rmSync(path.join(root, "versions/a1.py"));
    write("versions/c3.py", revision("c3", null));
    const dir = await load();
    expect(dir.sources.map((s) => s.revision)).toEqual(["c3"]);
    expect(dir.problems.map((p) => p.kind)).toEqual(["missing-down-revision"]);
  });

  it("ignores a corrupt cache file and replaces it; writes through a temporary file", async () => {
    write("versions/a1.py", revision("a1", null), Date.now() - HOUR);
    await load();
    for (const garbage of ["{not json", JSON.stringify({ format: FORMAT, version: "v1", entries: { "a1.py": { stamp: 3 } }, modules: {} }),
      JSON.stringify({ format: FORMAT, version: "v1", entries: { "a1.py": [1, 2, 3, 4, "h", 1, 0, ["a1", "not a list", [], [], 0, "", null]] }, modules: {} }), "null"]) {
      writeFileSync(cacheFile(), garbage);
      expect(await messages()).toEqual(["a1:a1"]);
      expect(JSON.parse(readFileSync(cacheFile(), "utf8")).entries["a1.py"][7][0]).toBe("a1");
    }
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes the file as pure ASCII, non-ASCII messages intact, and does not trust a file that is not ASCII", async () => {
    write("versions/a1.py", revision("a1", null, "caf\u00e9 \u{1F600} \u00fc"), Date.now() - HOUR);
    expect(await messages()).toEqual(["a1:caf\u00e9 \u{1F600} \u00fc"]);
    const bytes = readFileSync(cacheFile());
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    tamperCachedMessages();
    expect(await messages()).toEqual(["a1:FROM-CACHE"]);
    // Hand-edited with a UTF-8 character: read as latin1 it would be mojibake, so it is ignored.
    const data = JSON.parse(readFileSync(cacheFile(), "utf8"));
    for (const row of Object.values<any>(data.entries)) row[7][4] = "FROM-CACHE \u00e9";
    writeFileSync(cacheFile(), JSON.stringify(data));
    expect(await messages()).toEqual(["a1:caf\u00e9 \u{1F600} \u00fc"]);
  });

  it("re-reads a file whose stored row has the right stamp but a malformed revision", async () => {
    write("versions/a1.py", revision("a1", null), Date.now() - HOUR);
    await load();
    const data = JSON.parse(readFileSync(cacheFile(), "utf8"));
    Object.assign(data.entries["a1.py"][7], { 1: "not a list", 4: "FROM-CACHE" });
    writeFileSync(cacheFile(), JSON.stringify(data));
    expect((await load()).sources.map((s) => [s.message, s.downRevisions])).toEqual([["a1", []]]);
    expect(JSON.parse(readFileSync(cacheFile(), "utf8")).entries["a1.py"][7][1]).toEqual([]);
  });

  it("writes nothing when no cache is asked for", async () => {
    write("versions/a1.py", revision("a1", null));
    await loadMigrationDirectory({ dir: path.join(root, "versions") });
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});
