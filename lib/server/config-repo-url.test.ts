import { describe, expect, it } from "vitest";
import { configFromObject } from "./config";

// The optional repoUrl / repoRef of a project: https only, a clear message otherwise.

const withProject = (extra: Record<string, unknown>) => ({ projects: [{ name: "shop", dir: "migrations/shop", ...extra }], environments: [] });
const load = (extra: Record<string, unknown>) => configFromObject(withProject(extra), { baseDir: "/srv/retort", env: {} });

describe("project repoUrl", () => {
  it("is optional and null when absent", () => {
    const result = load({});
    expect(result.ok && result.config.projects[0]).toMatchObject({ repoUrl: null, repoRef: null });
  });

  it("keeps an https template and a ref", () => {
    const result = load({ repoUrl: "https://github.com/acme/shop/blob/{ref}/db/{path}", repoRef: "release/2.1" });
    expect(result.ok && result.config.projects[0]).toMatchObject({ repoUrl: "https://github.com/acme/shop/blob/{ref}/db/{path}", repoRef: "release/2.1" });
  });

  it.each([
    ["http://github.com/acme/shop", "repoUrl must be an https URL"],
    ["javascript:alert(1)", "repoUrl must be an https URL"],
    ["github.com/acme/shop", "repoUrl must be an https URL"],
  ])("rejects %s", (repoUrl, message) => {
    const result = load({ repoUrl });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ path: "projects[0].repoUrl", message: expect.stringContaining(message) })]);
  });

  it("rejects a ref that could change the URL's shape", () => {
    const result = load({ repoUrl: "https://github.com/acme/shop/blob/{ref}/{path}", repoRef: "main/../../evil" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: "projects[0].repoRef" });
  });
});
