import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTemporaryDataDir } from "../../server/auth/test-data-dir";
import { usersFilePath, verifyPassword } from "../../server/auth/users";
import type { ParsedArgs } from "../args";
import { CliError, createOutput } from "../output";
import { type PasswordSource, userCommand } from "./user";

let data: ReturnType<typeof useTemporaryDataDir>;
beforeEach(() => {
  data = useTemporaryDataDir();
});
afterEach(() => data.cleanup());

/** argv as main.ts parses it once `role` is a value flag (parsed by hand so this test stands alone). */
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
  const out = createOutput(argv.includes("--json"), (s) => {
    text += s;
  });
  const source: PasswordSource = { readStdin: async () => "", prompt: async () => null, ...passwords };
  return { promise: userCommand(parse(argv), out, source), text: () => text };
}

describe("retort user", () => {
  it("adds a user with the password from stdin, dropping the shell's trailing newline", async () => {
    const { promise, text } = run(["user", "add", "alice", "--role", "operator", "--password-stdin", "--json"], { readStdin: async () => "tangerine-bicycle-41\n" });
    expect(await promise).toBe(0);
    expect(JSON.parse(text())).toMatchObject({ user: { name: "alice", role: "operator" } });
    expect(await verifyPassword({ name: "alice", password: "tangerine-bicycle-41" })).not.toBeNull();
  });

  it("asks twice on a terminal and refuses when the answers differ", async () => {
    const answers = ["tangerine-bicycle-41", "tangerine-bicycle-42"];
    const { promise } = run(["user", "add", "alice", "--role", "admin"], { prompt: async () => answers.shift() ?? null });
    await expect(promise).rejects.toMatchObject({ code: "password-mismatch" });
  });

  it("refuses an empty or weak password", async () => {
    const empty = run(["user", "add", "alice", "--password-stdin"], { readStdin: async () => "\n" });
    await expect(empty.promise).rejects.toMatchObject({ code: "weak-password" });
    const weak = run(["user", "add", "alice", "--password-stdin"], { readStdin: async () => "password123" });
    await expect(weak.promise).rejects.toBeInstanceOf(CliError);
  });

  it("refuses without a terminal or --password-stdin, and rejects unknown roles", async () => {
    await expect(run(["user", "add", "alice"]).promise).rejects.toMatchObject({ code: "usage" });
    await expect(run(["user", "add", "alice", "--role", "root", "--password-stdin"]).promise).rejects.toMatchObject({ code: "usage" });
  });

  it("lists users without their password hashes", async () => {
    await run(["user", "add", "alice", "--role", "admin", "--password-stdin"], { readStdin: async () => "tangerine-bicycle-41" }).promise;
    const { promise, text } = run(["user", "list", "--json"]);
    expect(await promise).toBe(0);
    const listed = JSON.parse(text());
    expect(listed.users).toEqual([{ name: "alice", role: "admin", createdAt: expect.any(String) }]);
    expect(text()).not.toContain("scrypt");
    expect(readFileSync(usersFilePath(), "utf8")).toContain("scrypt$");
  });

  it("removes a user", async () => {
    await run(["user", "add", "alice", "--password-stdin"], { readStdin: async () => "tangerine-bicycle-41" }).promise;
    expect(await run(["user", "remove", "alice"]).promise).toBe(0);
    await expect(run(["user", "remove", "alice"]).promise).rejects.toMatchObject({ code: "not-found" });
  });

  it("refuses a password given on the command line", async () => {
    await expect(run(["user", "add", "alice", "--password", "tangerine-bicycle-41"]).promise).rejects.toMatchObject({ code: "usage" });
  });
});
