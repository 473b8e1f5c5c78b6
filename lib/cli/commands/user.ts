// `retort user add|list|remove|role|password`: local accounts for the dashboard, in Retort's
// metadata database. Passwords never travel in argv (visible in `ps` and shell history): they
// come from stdin or a prompt without echo. Changing a role or password, or removing a user,
// signs that user out everywhere.
import { isRole, ROLES } from "../../server/auth/roles";
import { addUser, listUsers, removeUser, setPassword, setRole } from "../../server/auth/users";
import { boolFlag, type ParsedArgs, stringFlag } from "../args";
import { CliError, type Output } from "../output";
import { metaDescription, withMetaCommand } from "./meta-command";

export interface PasswordSource {
  /** All of stdin, for --password-stdin. */
  readStdin(): Promise<string>;
  /** Ask on the terminal without echo; null when there is no terminal. */
  prompt(question: string): Promise<string | null>;
}

const USAGE = "usage: retort user add NAME [--role viewer|operator|admin] [--password-stdin] | user list | user remove NAME | user role NAME ROLE | user password NAME [--password-stdin]";

export async function userCommand(args: ParsedArgs, out: Output, passwords: PasswordSource = terminalPasswords): Promise<number> {
  if (args.flags.has("password")) {
    throw new CliError("usage", "Passwords are never taken from the command line (shell history, `ps`): use --password-stdin or the prompt", 2);
  }
  const [sub, ...rest] = args.positionals;
  if (sub === "add" && rest.length === 1) return withMetaCommand(() => addCommand(rest[0]!, args, out, passwords));
  if (sub === "list" && rest.length === 0) return withMetaCommand(() => listCommand(out));
  if (sub === "remove" && rest.length === 1) return withMetaCommand(() => removeCommand(rest[0]!, out));
  if (sub === "role" && rest.length === 2) return withMetaCommand(() => roleCommand(rest[0]!, rest[1]!, out));
  if (sub === "password" && rest.length === 1) return withMetaCommand(() => passwordCommand(rest[0]!, args, out, passwords));
  throw new CliError("usage", USAGE, 2);
}

function roleOf(value: string): (typeof ROLES)[number] {
  if (!isRole(value)) throw new CliError("usage", `Unknown role '${value}' (roles: ${ROLES.join(", ")})`, 2);
  return value;
}

async function addCommand(name: string, args: ParsedArgs, out: Output, passwords: PasswordSource): Promise<number> {
  const role = roleOf(stringFlag(args, "role") ?? "viewer");
  const password = await readNewPassword(args, passwords);
  const result = await addUser({ name, role, password, actor: "cli" });
  if (!result.ok) throw new CliError(result.code, result.message);
  out.line(`Added ${result.value.name} (${result.value.role}) to ${metaDescription()}.`);
  out.result({ user: result.value });
  return 0;
}

async function readNewPassword(args: ParsedArgs, passwords: PasswordSource): Promise<string> {
  if (boolFlag(args, "password-stdin")) {
    // One trailing newline is the shell's (`echo … |`), not the password's.
    return (await passwords.readStdin()).replace(/\r?\n$/, "");
  }
  const first = await passwords.prompt("Password: ");
  if (first === null) throw new CliError("usage", "No terminal to ask for a password: pass it on stdin with --password-stdin", 2);
  const second = await passwords.prompt("Repeat password: ");
  if (first !== second) throw new CliError("password-mismatch", "The passwords do not match.");
  return first;
}

async function listCommand(out: Output): Promise<number> {
  const users = await listUsers();
  if (users.length === 0) out.line(`No users yet (${metaDescription()}). Add one with: retort user add NAME --role admin`);
  const width = Math.max(4, ...users.map((u) => u.name.length));
  for (const user of users) out.line(`${user.name.padEnd(width)}  ${user.role.padEnd(8)}  ${user.createdAt}`);
  out.result({ users });
  return 0;
}

async function removeCommand(name: string, out: Output): Promise<number> {
  const result = await removeUser({ name, actor: "cli" });
  if (!result.ok) throw new CliError(result.code, result.message);
  out.line(`Removed ${name}; their sessions have ended.`);
  out.result({ removed: result.value });
  return 0;
}

async function roleCommand(name: string, role: string, out: Output): Promise<number> {
  const result = await setRole({ name, role: roleOf(role), actor: "cli" });
  if (!result.ok) throw new CliError(result.code, result.message);
  out.line(`${name} is now ${result.value.role}; ${result.value.revoked} session(s) ended, so they sign in again with the new role.`);
  out.result({ user: { name: result.value.name, role: result.value.role, createdAt: result.value.createdAt }, sessionsEnded: result.value.revoked });
  return 0;
}

async function passwordCommand(name: string, args: ParsedArgs, out: Output, passwords: PasswordSource): Promise<number> {
  const password = await readNewPassword(args, passwords);
  const result = await setPassword({ name, password, actor: "cli" });
  if (!result.ok) throw new CliError(result.code, result.message);
  out.line(`Changed ${name}'s password; ${result.value.revoked} session(s) ended.`);
  out.result({ user: name, sessionsEnded: result.value.revoked });
  return 0;
}

const terminalPasswords: PasswordSource = {
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  },
  prompt: promptHidden,
};

/** Read one line from the terminal in raw mode, echoing nothing. */
function promptHidden(question: string): Promise<string | null> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return Promise.resolve(null);
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error?: CliError) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish();
        if (char === "\u0003") return finish(new CliError("cancelled", "Cancelled.", 130));
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else if (char >= " ") value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}
