import "server-only";

// Where to go after signing in: only a path on this site. The value is resolved as a URL
// against a placeholder origin, exactly as a browser would resolve it against ours, and kept
// only when it stays on that origin and its path cannot be read as another host: "/.//evil"
// and "/..//evil" normalise to "//evil", which a browser follows to evil. Anything but
// printable ASCII is refused too (a raw non-ASCII Location header is a 500 in Node).

const BASE = "http://retort.invalid";
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
const LOOPS = /^\/(login|logout)(\/|$)/;

export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return "/";
  if (!PRINTABLE_ASCII.test(value) || !value.startsWith("/") || value.includes("\\")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.username || url.password) return "/";
  if (url.pathname.startsWith("//") || LOOPS.test(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
