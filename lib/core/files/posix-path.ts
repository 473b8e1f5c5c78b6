// POSIX path helpers: lib/core runs in the browser too, so it cannot import node:path.
// Joining and normalising follow Python's posixpath (what Alembic uses on Linux).

export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/");
}

/** Collapses `//`, `.` and `..` like os.path.normpath; `..` never climbs above `/`. */
export function normalizePath(path: string): string {
  if (path === "") return ".";
  const absolute = isAbsolutePath(path);
  const kept: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (kept.length > 0 && kept[kept.length - 1] !== "..") kept.pop();
      else if (!absolute) kept.push("..");
      continue;
    }
    kept.push(part);
  }
  const joined = kept.join("/");
  if (absolute) return "/" + joined;
  return joined === "" ? "." : joined;
}

/** Like os.path.join then normpath: an absolute part discards everything before it. */
export function joinPath(...parts: string[]): string {
  let joined = "";
  for (const part of parts) {
    if (part === "") continue;
    if (isAbsolutePath(part) || joined === "") joined = part;
    else joined = joined.endsWith("/") ? joined + part : joined + "/" + part;
  }
  return normalizePath(joined);
}

/** os.path.abspath(path) as seen from `cwd` (which must be absolute). */
export function resolvePath(cwd: string, path: string): string {
  return isAbsolutePath(path) ? normalizePath(path) : joinPath(cwd, path);
}

/** Like node:path's dirname (trailing slashes ignored), which callers expect more than posixpath's. */
export function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const slash = trimmed.lastIndexOf("/");
  if (slash < 0) return ".";
  const head = trimmed.slice(0, slash).replace(/\/+$/, "");
  return head === "" ? (isAbsolutePath(path) ? "/" : ".") : head;
}

export function basename(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The path of `to` relative to `from` (both normalised first), e.g. for project-relative file paths. */
export function relativePath(from: string, to: string): string {
  const fromParts = splitParts(normalizePath(from));
  const toParts = splitParts(normalizePath(to));
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) {
    common++;
  }
  const ups = fromParts.slice(common).map(() => "..");
  const rest = toParts.slice(common);
  const joined = [...ups, ...rest].join("/");
  return joined === "" ? "." : joined;
}

function splitParts(path: string): string[] {
  return path.split("/").filter((part) => part !== "" && part !== ".");
}
