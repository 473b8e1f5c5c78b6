import { expect, test } from "./fixtures";
import { BASE_A, demoEnv, ensureUser, proxiedAs, retortUser, runServerUntilExit, sessionCookie, signIn } from "./support/retort-servers";

// Issue 11, tried again as an attacker would, against `next build && next start` (the demo):
// each numbered finding reproduced in a real browser and refused. Two servers sharing one
// metadata database are in hardening-servers.spec.ts.

const ALICE = { name: "h-alice", password: "marigold-Harbour-5521" };
const LOCKED = { name: "h-locked", password: "juniper-Lantern-8830" };

test.describe.configure({ mode: "serial" });
test.use({ extraHTTPHeaders: {} });

test.beforeAll(() => {
  ensureUser(ALICE.name, "operator", ALICE.password);
  ensureUser(LOCKED.name, "viewer", LOCKED.password);
});

test.describe("item 2: no open redirect after sign-in", () => {
  for (const next of ["/.//evil.example/steal", "/..//evil.example", "/%2e%2e//evil.example", "//evil.example", "https://evil.example/x"]) {
    test(`next=${next} lands on Retort's overview`, async ({ browser }) => {
      const page = await signIn(browser, ALICE, { next });
      expect(new URL(page.url()).origin).toBe(BASE_A);
      expect(new URL(page.url()).pathname).toBe("/");
      await page.context().close();
    });
  }

  test("a non-ASCII next is refused cleanly, not a 500", async ({ browser, request }) => {
    const response = await request.get("/login?next=%2Fcaf%C3%A9%E2%80%AE");
    expect(response.status()).toBe(200);
    const page = await signIn(browser, ALICE, { next: "/café" });
    expect(new URL(page.url()).pathname).toBe("/");
    // Signed in, the login page redirects to next at once: also safe, and not a 500.
    const again = await page.request.get("/login?next=%2Fcaf%C3%A9", { maxRedirects: 0 });
    expect(again.status()).toBe(307);
    expect(again.headers().location).toBe("/");
    await page.context().close();
  });

  test("a same-origin next is kept", async ({ browser }) => {
    const page = await signIn(browser, ALICE, { next: "/approvals?x=1" });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/approvals?x=1");
    await page.context().close();
  });
});

test.describe("item 3: sessions can be revoked", () => {
  test("a cookie replayed after signing out is refused", async ({ browser, playwright }) => {
    const page = await signIn(browser, ALICE);
    const cookie = await sessionCookie(page.context());
    const replay = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { cookie } });
    expect((await replay.get("/api/environments")).status()).toBe(200);
    await page.getByTestId("sign-out").click();
    await page.waitForURL("**/login");
    expect((await replay.get("/api/environments")).status()).toBe(401);
    await replay.dispose();
    await page.context().close();
  });

  test("removing and re-adding a user does not revive old cookies", async ({ browser, playwright }) => {
    const page = await signIn(browser, ALICE);
    const replay = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { cookie: await sessionCookie(page.context()) } });
    expect(retortUser(["remove", ALICE.name]).code).toBe(0);
    ensureUser(ALICE.name, "operator", ALICE.password);
    expect((await replay.get("/api/environments")).status()).toBe(401);
    await replay.dispose();
    await page.context().close();
  });

  test("the account page lists sessions, ends another one, and signs out everywhere", async ({ browser, playwright }) => {
    const first = await signIn(browser, ALICE, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" } });
    const second = await signIn(browser, ALICE);
    const secondReplay = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { cookie: await sessionCookie(second.context()) } });
    const firstReplay = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { cookie: await sessionCookie(first.context()) } });
    await first.goto("/account");
    await expect(first.getByTestId("account-name")).toHaveText(ALICE.name);
    await expect(first.getByTestId("session")).toHaveCount(2);
    for (const width of [1440, 390]) {
      await first.setViewportSize({ width, height: 900 });
      await first.screenshot({ path: `test-results/screens/hardening-account-${width}.png`, fullPage: true });
    }
    await first.setViewportSize({ width: 1440, height: 900 });
    await first.locator('[data-testid="session"][data-current="false"]').getByTestId("end-session").click();
    // Ended: the list, revalidated, no longer shows it.
    await expect(first.locator('[data-testid="session"][data-current="false"]')).toHaveCount(0);
    expect((await secondReplay.get("/api/environments")).status()).toBe(401);
    await first.getByTestId("sign-out-everywhere").click();
    await first.waitForURL("**/login");
    expect((await firstReplay.get("/api/environments")).status()).toBe(401);
    await Promise.all([secondReplay.dispose(), firstReplay.dispose(), first.context().close(), second.context().close()]);
  });

  test("changing the password signs out the other sessions and keeps this one", async ({ browser, playwright }) => {
    const page = await signIn(browser, ALICE);
    const other = await signIn(browser, ALICE);
    const otherReplay = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { cookie: await sessionCookie(other.context()) } });
    await page.goto("/account");
    await page.getByTestId("password-current").fill("not-my-password-1");
    await page.getByTestId("password-next").fill("short");
    await page.getByTestId("password-repeat").fill("short");
    await page.getByTestId("change-password").click();
    await expect(page.locator("#current-error")).toHaveText("That is not your current password.");
    await page.getByTestId("password-current").fill(ALICE.password);
    await page.getByTestId("password-next").fill("Another-Marigold-6612");
    await page.getByTestId("password-repeat").fill("Another-Marigold-6612");
    await page.getByTestId("change-password").click();
    await expect(page.getByTestId("password-changed")).toContainText("1 other session signed out");
    expect((await otherReplay.get("/api/environments")).status()).toBe(401);
    expect((await page.request.get("/api/environments")).status()).toBe(200);
    ensureUser(ALICE.name, "operator", ALICE.password);
    await Promise.all([otherReplay.dispose(), page.context().close(), other.context().close()]);
  });
});

test.describe("item 11: no cross-site sign-out", () => {
  test("a form on another site cannot sign the user out", async ({ browser }) => {
    const page = await signIn(browser, ALICE);
    await page.route("http://evil.example/**", (route) => route.fulfill({
      contentType: "text/html",
      body: `<form id="f" method="post" action="${BASE_A}/logout"></form><script>document.getElementById("f").submit()</script>`,
    }));
    const response = page.waitForResponse(`${BASE_A}/logout`);
    await page.goto("http://evil.example/");
    expect((await response).status()).toBe(403);
    expect((await page.request.get(`${BASE_A}/api/environments`)).status()).toBe(200);
    await page.context().close();
  });
});

test.describe("item 7: security headers", () => {
  test("pages carry a nonce CSP, framing and sniffing are refused, HSTS and Secure cookies over HTTPS", async ({ request, browser }) => {
    const login = await request.get("/login");
    const headers = login.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toBeUndefined();
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1];
    expect(await login.text()).toContain(`nonce="${nonce}"`);
    expect((await request.get("/login")).headers()["content-security-policy"]).not.toContain(nonce);
    expect((await request.get("/logo.svg")).headers()["x-content-type-options"]).toBe("nosniff");

    const https = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-proto": "https" } });
    const page = await context.newPage();
    await page.goto("/login");
    const signedIn = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login"));
    await page.getByTestId("login-name").fill(ALICE.name);
    await page.getByTestId("login-password").fill(ALICE.password);
    await page.getByTestId("login-submit").click();
    expect(await (await signedIn).headerValue("set-cookie")).toMatch(/retort_session=[^;]+;.*Secure/i);
    await context.close();
  });

  test("no page logs a CSP violation, an injected script is blocked, and Retort cannot be framed", async ({ browser }) => {
    const page = await signIn(browser, ALICE);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`Refused to: CSP ${event.violatedDirective} ${event.blockedURI}`));
    });
    for (const path of ["/", "/projects/shop", "/projects/ledger", "/environments/dev", "/environments/preprod", "/approvals", "/audit", "/account"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    await page.goto("/projects/shop");
    await page.locator(".react-flow").first().waitFor();
    expect(violations).toEqual([]);

    // An XSS as it would arrive: markup in the server's HTML, and an inline handler added later.
    await page.route(`${BASE_A}/approvals`, async (route) => {
      const original = await route.fetch();
      const body = (await original.text()).replace("</body>", "<script>window.pwned = 'markup'</script></body>");
      await route.fulfill({ response: original, body });
    });
    await page.goto("/approvals");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onload="window.pwned = 'handler'">`));
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned ?? "blocked")).toBe("blocked");
    expect(violations.filter((v) => /script-src/.test(v)).length).toBeGreaterThanOrEqual(2);
    await page.unroute(`${BASE_A}/approvals`);

    await page.route("http://evil.example/**", (route) => route.fulfill({ contentType: "text/html", body: `<iframe src="${BASE_A}/" width="800" height="600"></iframe>` }));
    await page.goto("http://evil.example/");
    await page.waitForTimeout(1000);
    const framed = page.frames().find((f) => f.url().startsWith(BASE_A));
    expect(await framed?.locator("[data-testid=home-link]").count().catch(() => 0) ?? 0).toBe(0);
    await page.context().close();
  });
});

test.describe("item 8: sign-in rate limit", () => {
  test("after repeated wrong passwords the right one is refused too, and the audit page shows the failures", async ({ browser }) => {
    // Its own client address, so the per-address limit it trips does not lock out other specs.
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
    const page = await context.newPage();
    await page.goto("/login");
    // Guess until the lock in force is at least 2 s long, so the right password, tried at once, meets it.
    for (let i = 0, wait = 0; wait < 2; i += 1) {
      expect(i, "the account was never locked").toBeLessThan(40);
      await page.getByTestId("login-name").fill(LOCKED.name);
      await page.getByTestId("login-password").fill(`wrong-guess-${i}`);
      await page.getByTestId("login-submit").click();
      await expect(page.getByTestId("login-submit")).toBeEnabled();
      const message = await page.getByTestId("login-error").textContent();
      wait = Number(/Try again in (\d+) second/.exec(message ?? "")?.[1] ?? 0);
    }
    await page.getByTestId("login-name").fill(LOCKED.name);
    await page.getByTestId("login-password").fill(LOCKED.password);
    await page.getByTestId("login-submit").click();
    await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-ins for this account");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();

    const auditor = await signIn(browser, ALICE);
    await auditor.goto("/audit");
    const failures = auditor.locator(`[data-testid=auth-event][data-kind=sign-in-failed]`, { hasText: LOCKED.name });
    await expect(failures.first()).toContainText("203.0.113.77");
    await expect(auditor.locator(`[data-testid=auth-event][data-kind=sign-in-throttled]`, { hasText: LOCKED.name }).first()).toBeVisible();
    await auditor.getByTestId("auth-log").scrollIntoViewIfNeeded();
    await auditor.screenshot({ path: "test-results/screens/hardening-audit-sign-ins.png", fullPage: true });
    await auditor.context().close();
  });
});

test.describe("item 1: trusted-proxy mode needs its secret", () => {
  test("a forged proxy header without the secret is not an identity", async ({ playwright }) => {
    const forged = await playwright.request.newContext({ baseURL: BASE_A, extraHTTPHeaders: { "x-forwarded-for": "127.0.0.1", "x-retort-e2e-user": "demo-admin" } });
    expect((await forged.get("/api/environments")).status()).toBe(401);
    await forged.dispose();
  });

  test("a server configured for it without RETORT_TRUSTED_PROXY_SECRET refuses to start, and says why", async () => {
    const env = { ...demoEnv(), NEXT_TELEMETRY_DISABLED: "1", RETORT_TRUSTED_PROXY_HEADER: "x-forwarded-user", RETORT_TRUSTED_PROXIES: "127.0.0.1", RETORT_TRUSTED_PROXY_SECRET: "" };
    const run = await runServerUntilExit(env, Number(process.env.E2E_PORT ?? 3100) + 91);
    expect(run.code).toBe(78);
    expect(run.output).toContain("Retort refuses to start: Trusted-proxy mode (RETORT_TRUSTED_PROXY_HEADER) is on but RETORT_TRUSTED_PROXY_SECRET is not set");
  });
});

test("a proxied viewer is still signed in through the configured mechanism", async ({ browser }) => {
  const context = await proxiedAs(browser, "e2e-viewer");
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByTestId("user-name")).toHaveText("e2e-viewer");
  await page.goto("/account");
  await expect(page.getByTestId("account-unavailable")).toContainText("managed by the proxy");
  await context.close();
});
