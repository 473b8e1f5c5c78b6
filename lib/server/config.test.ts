import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configFromObject, databaseOf, databaseUrlOf, loadConfig } from "./config";

const SECRET_URL = "postgres://app:s3cr3t-pw@db.internal:5432/shop";
const baseDir = "/srv/retort";
const env = { PROD_DATABASE_URL: SECRET_URL };

const validConfig = () => ({
  projects: [
    { name: "shop", dir: "migrations/shop", writable: true },
    {
      name: "billing",
      alembicIni: "services/billing/alembic.ini",
      alembic: { command: ["alembic", "-c", "alembic.ini"], cwd: "services/billing" },
    },
  ],
  environments: [
    { name: "prod", project: "shop", url: "${PROD_DATABASE_URL}", versionSchema: "app", protection: "approval" },
    { name: "dev", project: "billing", url: "postgresql://localhost/dev" },
  ],
});

function errorsFor(raw: unknown, environment: Record<string, string> = env) {
  const result = configFromObject(raw, { baseDir, env: environment });
  if (result.ok) throw new Error("expected the configuration to be rejected");
  return result.errors;
}

describe("configFromObject", () => {
  it("accepts the documented shape and fills in defaults", () => {
    const result = configFromObject(validConfig(), { baseDir, env });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [shop, billing] = result.config.projects;
    expect(shop).toMatchObject({ name: "shop", dir: "/srv/retort/migrations/shop", writable: true, alembic: null, baseDir });
    expect(billing).toMatchObject({
      alembicIni: "/srv/retort/services/billing/alembic.ini",
      alembic: { command: ["alembic", "-c", "alembic.ini"], cwd: "/srv/retort/services/billing" },
      baseDir: "/srv/retort/services/billing",
      writable: false,
      format: "alembic",
    });
    const [prod, dev] = result.config.environments;
    expect(prod).toEqual({
      name: "prod", project: "shop", versionTable: "alembic_version", versionSchema: "app", protection: "approval",
      database: "postgresql", unavailable: null, lockTimeoutMs: 30_000, statementTimeoutMs: 0, after: null, promotion: "warn",
    });
    expect(dev).toMatchObject({ versionTable: "alembic_version", versionSchema: null, protection: "confirm" });
  });

  it("substitutes ${VAR} from the environment but keeps the URL out of the returned objects", () => {
    const result = configFromObject(validConfig(), { baseDir, env });
    if (!result.ok) throw new Error("rejected");
    const prod = result.config.environments[0]!;
    expect(databaseUrlOf(prod)).toBe(SECRET_URL);
    expect(JSON.stringify(result.config)).not.toContain("s3cr3t");
    expect(JSON.stringify({ ...prod })).not.toContain("db.internal");
  });

  it("makes only the environment with an unset variable unavailable, naming the variable and no URL", () => {
    const result = configFromObject(validConfig(), { baseDir, env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [prod, dev] = result.config.environments;
    expect(prod).toMatchObject({ unavailable: "environment variable PROD_DATABASE_URL is not set", database: null });
    expect(dev).toMatchObject({ unavailable: null, database: "postgresql" });
    expect(() => databaseUrlOf(prod!)).toThrow(/PROD_DATABASE_URL is not set/);
  });

  it("makes an environment with an unsupported URL unavailable, naming the scheme and never echoing the URL", () => {
    const raw = validConfig();
    raw.environments[1]!.url = "oracle+cx_oracle://root:hunter2@localhost/dev";
    const result = configFromObject(raw, { baseDir, env });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const dev = result.config.environments[1]!;
    expect(dev.unavailable).toMatch(/^the url unsupported database "oracle\+cx_oracle"; Retort supports postgresql/);
    expect(JSON.stringify(result.config)).not.toContain("hunter2");
  });

  it("accepts SQLite and MySQL URLs; a relative SQLite path is relative to the config file's directory", () => {
    const raw = validConfig();
    raw.environments.push({ name: "local", project: "shop", url: "sqlite:///data/dev.db" } as never, { name: "my", project: "shop", url: "mysql://root@127.0.0.1:3306/app" } as never);
    const result = configFromObject(raw, { baseDir, env });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [, , local, my] = result.config.environments;
    expect([local!.database, my!.database]).toEqual(["sqlite", "mysql"]);
    expect(databaseOf(local!)).toMatchObject({ kind: "sqlite", file: "/srv/retort/data/dev.db" });
  });

  it("takes an Alembic project's URL from its alembic.ini when the environment names none", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "retort-ini-"));
    writeFileSync(path.join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/app.db\n");
    const result = configFromObject(
      { projects: [{ name: "svc", alembicIni: "alembic.ini" }, { name: "plain", dir: "m" }], environments: [{ name: "dev", project: "svc" }] },
      { baseDir: dir, env: {} },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(databaseOf(result.config.environments[0]!)).toMatchObject({ kind: "sqlite", file: path.join(dir, "app.db") });
    expect(errorsFor({ projects: [{ name: "plain", dir: "m" }], environments: [{ name: "dev", project: "plain" }] })).toEqual([
      { path: "environments[0].url", message: "is required (only projects given by alembicIni can take it from sqlalchemy.url)" },
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("rejects an environment whose project does not exist", () => {
    const raw = validConfig();
    raw.environments[1]!.project = "shoop";
    expect(errorsFor(raw)).toEqual([
      { path: "environments[1].project", message: 'unknown project "shoop" (configured projects: "shop", "billing")' },
    ]);
  });

  it("rejects duplicate names, case-insensitively", () => {
    const raw = validConfig();
    raw.environments[1]!.name = "PROD";
    raw.projects[1]!.name = "shop";
    raw.environments[1]!.project = "shop";
    const paths = errorsFor(raw).map((e) => e.path);
    expect(paths).toEqual(["projects[1].name", "environments[1].name"]);
  });

  it.each([
    ["a project with neither dir nor alembicIni", { projects: [{ name: "x" }] }, "projects[0]", 'a project needs either "dir"'],
    ["a project with both dir and alembicIni", { projects: [{ name: "x", dir: "a", alembicIni: "b" }] }, "projects[0]", "not both"],
    ["a name with spaces", { projects: [{ name: "my shop", dir: "m" }] }, "projects[0].name", "Project name must be"],
    ["a missing name", { projects: [{ dir: "m" }] }, "projects[0].name", "is required"],
    ["a misspelt key", { projects: [{ name: "x", dir: "m", writeable: true }] }, "projects[0]", 'unknown key "writeable"'],
    ["an unknown protection", { projects: [{ name: "x", dir: "m" }], environments: [{ name: "e", project: "x", url: "postgres://h/d", protection: "strict" }] }, "environments[0].protection", "protection must be one of"],
    ["a version table that is not an identifier", { projects: [{ name: "x", dir: "m" }], environments: [{ name: "e", project: "x", url: "postgres://h/d", versionTable: "v; drop" }] }, "environments[0].versionTable", "plain SQL identifier"],
    ["an empty alembic command", { projects: [{ name: "x", alembicIni: "a.ini", alembic: { command: [] } }] }, "projects[0].alembic.command", "command must name a program"],
    ["a missing projects list", { environments: [] }, "projects", "is required"],
    ["a top-level array", [], "$", "must be a JSON object"],
  ])("rejects %s with its JSON path", (_label, raw, expectedPath, expectedMessage) => {
    const errors = errorsFor(raw);
    expect(errors.map((e) => e.path)).toContain(expectedPath);
    expect(errors.find((e) => e.path === expectedPath)!.message).toContain(expectedMessage);
  });
});

describe("loadConfig", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "retort-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports a missing file as the no-config state", () => {
    const result = loadConfig({ path: path.join(dir, "absent.json") });
    expect(result).toMatchObject({ ok: false, missing: true });
  });

  it("resolves relative paths against the config file's directory", () => {
    const file = path.join(dir, "retort.config.json");
    writeFileSync(file, JSON.stringify(validConfig()));
    const result = loadConfig({ path: file, env });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.file).toBe(file);
    expect(result.config.projects[0]!.dir).toBe(path.join(dir, "migrations/shop"));
  });

  it("reports invalid JSON by position without quoting the file", () => {
    const file = path.join(dir, "broken.json");
    writeFileSync(file, `{\n  "environments": [{ "url": "${SECRET_URL}" },]\n}`);
    const result = loadConfig({ path: file, env });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing).toBe(false);
    expect(result.errors[0]!.message).toMatch(/^the file is not valid JSON/);
    expect(JSON.stringify(result.errors)).not.toContain("s3cr3t");
  });

  it("reads the path from RETORT_CONFIG when none is given", () => {
    const file = path.join(dir, "from-env.json");
    writeFileSync(file, JSON.stringify({ projects: [{ name: "x", dir: "." }] }));
    const previous = process.env.RETORT_CONFIG;
    process.env.RETORT_CONFIG = file;
    try {
      expect(loadConfig()).toMatchObject({ ok: true, config: { file, environments: [] } });
    } finally {
      if (previous === undefined) delete process.env.RETORT_CONFIG;
      else process.env.RETORT_CONFIG = previous;
    }
  });
});
