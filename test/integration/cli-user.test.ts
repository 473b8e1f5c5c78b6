import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParsedArgs } from "../../lib/cli/args";
import { type PasswordSource, userCommand } from "../../lib/cli/commands/user";
import { CliError, createOutput } from "../../lib/cli/output";
import { lookupSession } from "../../lib/server/auth/sessions";
import { signInWithPassword } from "../../lib/server/auth/sign-in";
import { verifyPassword } from "../../lib/server/auth/users";
import { query } from "../db";
import { type TestMeta, useMetaDatabase } from "../meta";

// `retort user …` against the metadata database.

const PASSWORD = "tangerine-bicycle-41";
let meta: TestMeta;
beforeAll(async () => {
  meta = await useMetaDatabase();
});
afterAll(() => meta.cleanup());
beforeEach(() => query(meta.db.url, "TRUNCATE retort.users, retort.login_throttle CASCADE"));

/** argv as main.ts parses it (`role` a value flag), by hand so this test stands alone. */
function parse(argv: string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--role" || arg === "--password") flags.set(arg.slice(2), argv[++i]!);
    else if (arg.startsWith("--")) flags.set(arg.slice(2), true);
    else positionals.push(arg);
  }
  const [command = null, ...rest] = positionals;
  return { command, positionals: rest, flags };
}

function run(argv: string[], passwords: Partial<PasswordSource> = {}) {
  let text = "";
  const out = createOutput(argv.includes("--json"), (s) => void (text += s));
  const source: PasswordSource = { readStdin: async () => "", prompt: async () => null, ...passwords };
  return { promise: userCommand(parse(argv), out, source), text: () => text };
}
const add = (name: string, role = "admin") => run(["user", "add", name, "--role", role, "--password-stdin"], { readStdin: async () => PASSWORD }).promise;
async function signedIn(name: string): Promise<string> {
  const outcome = await signInWithPassword({ name, password: PASSWORD, address: null });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.token;
}

describe("retort user", () => {
  it("adds a user with the password from stdin, dropping the shell's trailing newline", async () => {
    const { promise, text } = run(["user", "add", "alice", "--role", "operator", "--password-stdin", "--json"], { readStdin: async () => `${PASSWORD}\n` });
    expect(await promise).toBe(0);
    expect(JSON.parse(text())).toMatchObject({ user: { name: "alice", role: "operator" } });
    expect(await verifyPassword({ name: "alice", password: PASSWORD })).not.toBeNull();
  });

  it("asks twice on a terminal and refuses when the answers differ", async () => {
    const answers = ["tangerine-bicycle-41", "tangerine-bicycle-42"];
    await expect(run(["user", "add", "alice", "--role", "admin"], { prompt: async () => answers.shift() ?? null }).promise).rejects.toMatchObject({ code: "password-mismatch" });
  });

  it("refuses an empty or weak password, no terminal, unknown roles and a password in argv", async () => {
    await expect(run(["user", "add", "alice", "--password-stdin"], { readStdin: async () => "\n" }).promise).rejects.toMatchObject({ code: "weak-password" });
    await expect(run(["user", "add", "alice", "--password-stdin"], { readStdin: async () => "password123" }).promise).rejects.toBeInstanceOf(CliError);
    await expect(run(["user", "add", "alice"]).promise).rejects.toMatchObject({ code: "usage" });
    await expect(run(["user", "add", "alice", "--role", "root", "--password-stdin"]).promise).rejects.toMatchObject({ code: "usage" });
    await expect(run(["user", "add", "alice", "--password", PASSWORD]).promise).rejects.toMatchObject({ code: "usage" });
  });

  it("lists users without their password hashes", async () => {
    await add("alice");
    const { promise, text } = run(["user", "list", "--json"]);
    expect(await promise).toBe(0);
    expect(JSON.parse(text()).users).toEqual([{ name: "alice", role: "admin", createdAt: expect.any(String) }]);
    expect(text()).not.toContain("scrypt");
  });

  it("removes a user, ending their sessions", async () => {
    await add("alice");
    const token = await signedIn("alice");
    expect(await run(["user", "remove", "alice"]).promise).toBe(0);
    expect(await lookupSession(token)).toBeNull();
    await expect(run(["user", "remove", "alice"]).promise).rejects.toMatchObject({ code: "not-found" });
  });

  it("changes a role and signs the user out everywhere", async () => {
    await add("alice");
    const token = await signedIn("alice");
    const { promise, text } = run(["user", "role", "alice", "viewer"]);
    expect(await promise).toBe(0);
    expect(text()).toContain("alice is now viewer; 1 session(s) ended");
    expect(await lookupSession(token)).toBeNull();
    await expect(run(["user", "role", "alice", "root"]).promise).rejects.toMatchObject({ code: "usage" });
  });

  it("changes a password and signs the user out everywhere", async () => {
    await add("alice");
    const token = await signedIn("alice");
    expect(await run(["user", "password", "alice", "--password-stdin"], { readStdin: async () => "a-new-Passphrase-99\n" }).promise).toBe(0);
    expect(await lookupSession(token)).toBeNull();
    expect(await verifyPassword({ name: "alice", password: "a-new-Passphrase-99" })).not.toBeNull();
    const events = await query<{ kind: string }>(meta.db.url, "SELECT kind FROM retort.auth_events WHERE user_name = 'alice' ORDER BY id");
    expect(events.map((e) => e.kind)).toContain("password-changed");
  });
});
