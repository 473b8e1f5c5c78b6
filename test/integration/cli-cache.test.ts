import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnCli } from "../cli-harness";

// The real command (bin/retort.mjs → the bundle) with its persistent header cache.
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "retort-cli-cache-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const versions = () => path.join(root, "versions");
function revision(id: string, down: string | null, label: string): void {
  const file = path.join(versions(), `${id}.py`);
  writeFileSync(file, `"""${id}"""\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : "None"}\nbranch_labels = ('${label}',)\n`);
  const old = Math.floor(Date.now() / 1000) - 3600;
  utimesSync(file, old, old);
}
const heads = (cacheDir: string, ...flags: string[]) => spawnCli(["show", "heads", "--dir", versions(), "--json", ...flags], { RETORT_CACHE_DIR: cacheDir });

describe("retort's header cache from the command line", () => {
  it("is written to RETORT_CACHE_DIR, outside the project, and follows edits", () => {
    mkdirSync(versions());
    revision("a1", null, "aaaa");
    const cache = path.join(root, "cache");
    expect(heads(cache).json.revisions).toMatchObject([{ revision: "a1", branch_labels: ["aaaa"] }]);
    expect(readdirSync(cache).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    expect(readdirSync(versions())).toEqual(["a1.py"]);
    revision("a1", null, "bbbb");
    expect(heads(cache).json.revisions).toMatchObject([{ revision: "a1", branch_labels: ["bbbb"] }]);
  });

  it("is neither read nor written with --no-cache, and the flag takes no value", () => {
    mkdirSync(versions());
    revision("a1", null, "aaaa");
    const cache = path.join(root, "nocache");
    const run = heads(cache, "--no-cache");
    expect(run.code).toBe(0);
    expect(run.json.revisions).toMatchObject([{ revision: "a1" }]);
    expect(existsSync(cache)).toBe(false);
    const bad = heads(cache, "--no-cache=yes");
    expect(bad.code).toBe(2);
    expect(bad.json.error.message).toContain("--no-cache does not take a value");
    expect(spawnCli(["user", "list", "--no-cache", "--json"]).code).toBe(2);
  });

  it("still answers when the cache folder cannot be written", () => {
    mkdirSync(versions());
    revision("a1", null, "aaaa");
    const blocker = path.join(root, "a-file");
    writeFileSync(blocker, "not a folder");
    const run = heads(path.join(blocker, "cache"));
    expect(run.code).toBe(0);
    expect(run.json.revisions).toMatchObject([{ revision: "a1" }]);
  });
});
