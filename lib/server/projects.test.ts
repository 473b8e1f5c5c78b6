import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProject, getProjectGraphView, getRevisionDetail, listProjects } from "./projects";

const sqlRevision = (id: string, down: string | null, message: string) =>
  [`-- revision: ${id}`, down ? `-- down_revision: ${down}` : "", `-- message: ${message}`, "", "-- migrate:up", "SELECT 1;", "", "-- migrate:down", "SELECT 1;", ""]
    .filter((line, i) => i !== 1 || line !== "")
    .join("\n");

let root: string;
let versions: string;
let previousConfig: string | undefined;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "retort-projects-"));
  versions = path.join(root, "versions");
  mkdirSync(versions);
  writeFileSync(path.join(versions, "001_a.sql"), sqlRevision("aaaa00000001", null, "first"));
  writeFileSync(path.join(versions, "002_b.sql"), sqlRevision("bbbb00000002", "aaaa00000001", "second"));
  writeFileSync(path.join(root, "outside.txt"), "not a revision");
  writeFileSync(path.join(root, "retort.config.json"), JSON.stringify({ projects: [{ name: "demo", dir: "versions" }] }));
  previousConfig = process.env.RETORT_CONFIG;
  process.env.RETORT_CONFIG = path.join(root, "retort.config.json");
});

afterAll(() => {
  if (previousConfig === undefined) delete process.env.RETORT_CONFIG;
  else process.env.RETORT_CONFIG = previousConfig;
  rmSync(root, { recursive: true, force: true });
});

describe("getProject", () => {
  it("reuses the built project while no file has changed", async () => {
    const first = await getProject({ name: "demo" });
    const second = await getProject({ name: "demo" });
    expect(first).not.toBeNull();
    expect(second).toBe(first);
  });

  it("rebuilds when a revision file is added", async () => {
    const before = await getProject({ name: "demo" });
    writeFileSync(path.join(versions, "003_c.sql"), sqlRevision("cccc00000003", "bbbb00000002", "third"));
    const after = await getProject({ name: "demo" });
    expect(after).not.toBe(before);
    expect(after!.map.heads).toEqual(["cccc00000003"]);
  });

  it("rebuilds when a revision file is edited in place", async () => {
    const before = await getProject({ name: "demo" });
    const file = path.join(versions, "003_c.sql");
    writeFileSync(file, sqlRevision("cccc00000003", "bbbb00000002", "third, reworded"));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const after = await getProject({ name: "demo" });
    expect(after).not.toBe(before);
    expect(after!.map.get("cccc00000003")!.message).toBe("third, reworded");
  });

  it("returns null for a project that is not configured", async () => {
    expect(await getProject({ name: "other" })).toBeNull();
  });
});

describe("project views", () => {
  it("lists configured projects with their heads", async () => {
    expect(await listProjects()).toMatchObject([{ name: "demo", format: "sql", revisionCount: 3, heads: ["cccc00000003"], problemCount: 0 }]);
  });

  it("orders the graph children before parents", async () => {
    const graph = await getProjectGraphView({ project: "demo" });
    expect(graph!.revisions.map((r) => r.revision)).toEqual(["cccc00000003", "bbbb00000002", "aaaa00000001"]);
  });

  it("reads a revision's source from disk", async () => {
    const detail = await getRevisionDetail({ project: "demo", revision: "bbbb00000002" });
    expect(detail).toMatchObject({ children: ["cccc00000003"], sourceLanguage: "sql", appliedIn: [] });
    expect(detail!.source).toContain("-- revision: bbbb00000002");
  });

  it("never reads a file outside the project through a symlinked revision", async () => {
    const link = path.join(versions, "004_link.sql");
    writeFileSync(path.join(root, "secret.sql"), sqlRevision("dddd00000004", "cccc00000003", "outside"));
    symlinkSync(path.join(root, "secret.sql"), link);
    try {
      const detail = await getRevisionDetail({ project: "demo", revision: "dddd00000004" });
      // The loader follows the link (as Python would); the dashboard refuses to show its text.
      if (detail) expect(detail.source).toBe("");
    } finally {
      rmSync(link);
    }
  });
});
