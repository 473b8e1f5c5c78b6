import "server-only";

// Wording of configuration errors: JSON paths, zod issues, JSON syntax errors. Nothing here may
// echo a value that could hold a database URL.

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "$" : out;
}

export function issueMessage(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${safeText(k)}"`).join(", ")}`;
  }
  if (issue.message.startsWith("Invalid input: expected") && issue.message.endsWith("received undefined")) {
    return "is required";
  }
  return issue.message;
}

// JSON.parse messages quote the surrounding text, which may hold a literal URL; report the
// position only.
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset).split("\n");
    return `the file is not valid JSON (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
  }
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `the file is not valid JSON (line ${lineColumn[1]}, column ${lineColumn[2]})`;
  return /end of JSON input/.test(message) ? "the file is not valid JSON (it ends too early)" : "the file is not valid JSON";
}

/** Echo user-typed names in messages, but never anything that looks like a URL. */
export function safeText(value: string): string {
  const short = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return /[:@/]/.test(short) ? "(value hidden)" : short;
}
