// A revision file's address in the team's repository browser, from the project's `repoUrl`:
// either a template with `{path}` (and optionally `{ref}`), or a base to which the path is
// appended, e.g. "https://github.com/acme/shop/blob/{ref}/db/migrations/{path}" or
// "https://github.com/acme/shop/blob/main/db/migrations". `path` is the revision's path
// as Retort shows it: relative to the project's root (its `dir`, or the alembic.ini's folder).

export const DEFAULT_REPO_REF = "HEAD";

export function repoFileUrl({ repoUrl, ref = DEFAULT_REPO_REF, path }: { repoUrl: string; ref?: string; path: string }): string {
  // Each segment is encoded on its own, so a slash stays a slash and nothing else can break out.
  const encodedPath = path.split(/[\\/]+/).filter(Boolean).map(encodeURIComponent).join("/");
  const encodedRef = ref.split("/").map(encodeURIComponent).join("/");
  if (repoUrl.includes("{path}")) return repoUrl.replaceAll("{ref}", encodedRef).replaceAll("{path}", encodedPath);
  return `${repoUrl.replaceAll("{ref}", encodedRef).replace(/\/+$/, "")}/${encodedPath}`;
}
