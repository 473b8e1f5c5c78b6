import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ActionsPage } from "./pages/actions-page";
import { ApprovalsPage } from "./pages/approvals-page";
import { expect, test } from "./fixtures";
import { BASE_A, DATA, demoEnv, ensureUser, proxiedAs, type ServerB, signIn, sql, startServerB } from "./support/retort-servers";

// Two Retort servers behind one (imaginary) load balancer: the demo's server A and a second
// `next start` B on the same build and data directory, so one embedded metadata database. A
// session made on one is honoured and revoked on the other; an approval requested on one is
// approved on the other; and B killed with SIGKILL mid-run leaves an interrupted approval that
// A lets an admin retry.

const ADMIN = { name: "h-admin-a", password: "copper-Kettle-2290" };
const APPROVER = "h-admin-b";
const SEEDED_PREPROD = ["2a5d9c7e1f08"];

let b: ServerB;
test.describe.configure({ mode: "serial" });
test.use({ extraHTTPHeaders: {} });

test.beforeAll(async () => {
  ensureUser(ADMIN.name, "admin", ADMIN.password);
  ensureUser(APPROVER, "admin", "unused-Password-4471");
  b = await startServerB();
});
test.afterAll(async () => {
  await b?.stop();
  await resetPreprod();
});

/**
 * Back to the seeded state whatever earlier specs left (actions.spec resets only the rows):
 * every table but the audit log dropped, then a real upgrade to the seeded revision by the CLI.
 */
async function resetPreprod(): Promise<void> {
  await sql("preprod", `DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT viewname FROM pg_views WHERE schemaname = 'public' LOOP EXECUTE format('DROP VIEW IF EXISTS public.%I CASCADE', r.viewname); END LOOP;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'retort_audit' LOOP EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename); END LOOP;
  END $$`);
  const run = spawnSync(process.execPath, ["bin/retort.mjs", "upgrade", SEEDED_PREPROD[0]!, "--url", demoEnv().RETORT_DEMO_URL_PREPROD!, "--dir", path.join(DATA, "projects", "shop"), "--json"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`upgrade preprod: ${run.stdout}${run.stderr}`);
  expect(await rowsOf()).toEqual(SEEDED_PREPROD);
}
const rowsOf = async () => (await sql<{ v: string }>("preprod", "SELECT version_num AS v FROM alembic_version ORDER BY 1")).map((r) => r.v);

async function requestUpgrade(page: import("@playwright/test").Page): Promise<string> {
  const actions = new ActionsPage(page);
  await actions.goto("preprod");
  await actions.previewAction("upgrade", "heads");
  await actions.confirm(undefined, "hardening: two servers, one approval");
  const created = actions.result.getByTestId("approval-created");
  await expect(created).toBeVisible();
  return (await created.getAttribute("data-approval-id"))!;
}

test("a session made on A is honoured on B, and signing out on B ends it on A", async ({ browser, playwright }) => {
  const page = await signIn(browser, ADMIN);
  const cookie = (await page.context().cookies()).find((c) => c.name === "retort_session")!;
  const onB = await playwright.request.newContext({ baseURL: b.url, extraHTTPHeaders: { cookie: `retort_session=${cookie.value}` } });
  expect((await onB.get("/api/environments")).status()).toBe(200);
  await page.goto(`${b.url}/`);
  await expect(page.getByTestId("user-name")).toHaveText(ADMIN.name);
  await page.getByTestId("sign-out").click();
  await page.waitForURL(`${b.url}/login`);
  const onA = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { cookie: `retort_session=${cookie.value}` } });
  expect((await onA.get("/api/environments")).status()).toBe(401);
  await page.goto(`${BASE_A}/environments/dev`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await Promise.all([onA.dispose(), onB.dispose(), page.context().close()]);
});

test("an approval requested on A is approved on B", async ({ browser }) => {
  await resetPreprod();
  const requester = await signIn(browser, ADMIN);
  const id = await requestUpgrade(requester);
  const approver = await (await proxiedAs(browser, APPROVER, b.url)).newPage();
  await approver.goto("/approvals");
  const item = approver.getByTestId(`approval-${id}`);
  await new ApprovalsPage(approver).approve(id, "preprod");
  await expect(item.getByTestId("action-result")).toHaveAttribute("data-ok", "true", { timeout: 60_000 });
  expect(await rowsOf()).not.toEqual(SEEDED_PREPROD);
  await requester.goto("/approvals");
  await expect(requester.getByTestId(`approval-${id}`)).toHaveAttribute("data-status", "applied");
  await expect(requester.getByTestId(`approval-${id}`)).toContainText(`Decided by ${APPROVER}`);
  await Promise.all([requester.context().close(), approver.context().close()]);
});

test("B killed with SIGKILL mid-run leaves the approval interrupted; A retries it from the rows as they are now", async ({ browser }) => {
  await resetPreprod();
  const requester = await signIn(browser, ADMIN);
  const id = await requestUpgrade(requester);
  // Hold alembic_version, so B's run waits inside the executor until it is killed.
  const blocker = new pg.Client({ connectionString: demoEnv().RETORT_DEMO_URL_PREPROD });
  await blocker.connect();
  await blocker.query("BEGIN; LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE");
  const approver = await (await proxiedAs(browser, APPROVER, b.url)).newPage();
  await approver.goto("/approvals");
  await approver.getByTestId(`approval-${id}`).getByTestId("approve").click();
  await approver.getByTestId(`approval-${id}`).getByTestId("approve-name").fill("preprod");
  await approver.getByTestId(`approval-${id}`).getByTestId("approve-submit").click();
  await expect.poll(async () => (await sql("preprod", "SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'alembic_version'::regclass")).length, { timeout: 30_000 }).toBeGreaterThan(0);
  b.child.kill("SIGKILL");
  await b.stop();
  await blocker.query("ROLLBACK");
  await blocker.end();
  expect(await rowsOf()).toEqual(SEEDED_PREPROD);

  await requester.goto("/approvals");
  const item = requester.getByTestId(`approval-${id}`);
  await expect(item).toHaveAttribute("data-status", "interrupted");
  await expect(item).toContainText("is gone");
  await requester.screenshot({ path: "test-results/screens/hardening-approval-interrupted.png", fullPage: true });
  await item.getByTestId("retry-approval").click();
  // Re-planned from the rows as they are now, and waiting for a fresh approval.
  await expect(item).toHaveAttribute("data-status", "pending");
  await expect(item.getByTestId("approval-note")).toContainText("re-planned from the rows now in preprod (2a5d9c7e1f08)");
  await expect(item.getByTestId("own-request")).toBeVisible();

  const second = await (await proxiedAs(browser, APPROVER)).newPage();
  await second.goto("/approvals");
  await new ApprovalsPage(second).approve(id, "preprod");
  await expect(second.getByTestId(`approval-${id}`).getByTestId("action-result")).toHaveAttribute("data-ok", "true", { timeout: 60_000 });
  expect(await rowsOf()).not.toEqual(SEEDED_PREPROD);
  await Promise.all([requester.context().close(), approver.context().close(), second.context().close()]);
  // B restarted finds the same metadata database and the settled approval.
  b = await startServerB();
  const again = await (await proxiedAs(browser, APPROVER, b.url)).newPage();
  await again.goto("/approvals");
  await expect(again.getByTestId(`approval-${id}`)).toHaveAttribute("data-status", "applied");
  await again.context().close();
});

/** The demo's embedded metadata database, as someone with access to the data directory reaches it. */
async function metaClient(): Promise<pg.Client> {
  const dir = path.join(DATA, "app");
  const port = readFileSync(path.join(dir, "metadata-pg", "postmaster.pid"), "utf8").split("\n")[3]!.trim();
  const password = readFileSync(path.join(dir, "metadata-pg.password"), "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: Number(port), user: "postgres", password, database: "retort_meta" });
  await client.connect();
  return client;
}

const verify = () => spawnSync(process.execPath, ["bin/retort.mjs", "audit", "verify"], {
  encoding: "utf8", env: { ...process.env, RETORT_DATA_DIR: path.join(DATA, "app"), RETORT_DATABASE_URL: "" },
});

test("both servers' records form one audit trail, and `retort audit verify` names the row rewritten afterwards", async () => {
  const intact = verify();
  expect(intact.status, intact.stderr).toBe(0);
  expect(intact.stdout).toMatch(/Audit trail intact: \d+ row\(s\)/);
  const client = await metaClient();
  try {
    // Someone with the database's owner rights makes it look as if the requester approved her own request.
    const { rows } = await client.query<{ seq: string }>("SELECT seq FROM retort.audit_trail WHERE kind = 'approval-approved' AND actor = $1 ORDER BY seq LIMIT 1", [APPROVER]);
    const seq = rows[0]!.seq;
    await client.query("BEGIN; SET LOCAL session_replication_role = replica;");
    await client.query("UPDATE retort.audit_trail SET actor = $1 WHERE seq = $2", [ADMIN.name, seq]);
    await client.query("COMMIT");
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`row ${seq} (approval-approved by ${ADMIN.name}) was changed after it was written`);
  } finally {
    await client.end();
  }
});
