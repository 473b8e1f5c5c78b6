// `retort user add|list|remove`: local accounts for the dashboard. Passwords never travel in
// argv (visible in `ps` and shell history): they come from stdin or a prompt without echo.
import { isRole, ROLES } from "../../server/auth/roles";
import { addUser, listUsers, removeUser, usersFilePath } from "../../server/auth/users";
import { boolFlag, type ParsedArgs, stringFlag } from "../args";
import { CliError, type Output } from "../output";

export interface PasswordSource {
  /** All of stdin, for --password-stdin. */
  readStdin(): Promise<string>;
  /** Ask on the terminal without echo; null when there is no terminal. */
  prompt(question: string): Promise<string | null>;
}

export async function userCommand(args: ParsedArgs, out: Output, passwords: PasswordSource = terminalPasswords): Promise<number> {
  if (args.flags.has("password")) {
    throw new CliError("usage", "Passwords are never taken from the command line (shell history, `ps`): use --password-stdin or the prompt", 2);
  }
  const [sub, ...rest] = args.positionals;
  if (sub === "add") return addCommand(rest, args, out, passwords);
  if (sub === "list" && rest.length === 0) return listCommand(out);
  if (sub === "remove" && rest.length === 1) return removeCommand(rest[0]!, out);
  throw new CliError("usage", "usage: retort user add NAME [--role viewer|operator|admin] [--password-stdin] | retort user list | retort user remove NAME", 2);
}

async function addCommand(rest: string[], args: ParsedArgs, out: Output, passwords: PasswordSource): Promise<number> {
  if (rest.length !== 1) throw new CliError("usage", "retort user add takes exactly one NAME", 2);
  const role = stringFlag(args, "role") ?? "viewer";
  if (!isRole(role)) throw new CliError("usage", `Unknown role '${role}' (roles: ${ROLES.join(", ")})`, 2);
  const password = await readNewPassword(args, passwords);
  const result = await addUser({ name: rest[0]!, role, password });
  if (!result.ok) throw new CliError(result.code, result.message);
  out.line(`Added ${result.value.name} (${result.value.role}) to ${usersFilePath()}.`);
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

function listCommand(out: Output): number {
  const users = listUsers();
  if (users.length === 0) out.line(`No users yet (${usersFilePath()}). Add one with: retort user add NAME --role admin`);
  const width = Math.max(4, ...users.map((u) => u.name.length));
  for (const user of users) out.line(`${user.name.padEnd(width)}  ${user.role.padEnd(8)}  ${user.createdAt}`);
  out.result({ users });
  return 0;
}

function removeCommand(name: string, out: Output): number {
  const result = removeUser({ name });
  if (!result.ok) throw new CliError(result.code, result.message);
  out.line(`Removed ${name}; their sessions stop working at their next request.`);
  out.result({ removed: result.value });
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
