import { describe, expect, it } from "vitest";
import { repoFileUrl } from "./repo-link";

describe("repoFileUrl", () => {
  const cases: Array<[string, { repoUrl: string; ref?: string; path: string }, string]> = [
    ["fills a {ref}/{path} template", { repoUrl: "https://github.com/acme/shop/blob/{ref}/db/migrations/{path}", ref: "main", path: "001_init.sql" }, "https://github.com/acme/shop/blob/main/db/migrations/001_init.sql"],
    ["defaults {ref} to HEAD", { repoUrl: "https://github.com/acme/shop/blob/{ref}/{path}", path: "versions/ab12_x.py" }, "https://github.com/acme/shop/blob/HEAD/versions/ab12_x.py"],
    ["appends the path to a base, trailing slash or not", { repoUrl: "https://gitlab.example/acme/shop/-/blob/main/db/", path: "001_init.sql" }, "https://gitlab.example/acme/shop/-/blob/main/db/001_init.sql"],
    ["encodes each segment but keeps the slashes", { repoUrl: "https://x.example/{path}", path: "a b/c#d?.sql" }, "https://x.example/a%20b/c%23d%3F.sql"],
    ["turns Windows separators into slashes", { repoUrl: "https://x.example/r", path: "versions\\001.sql" }, "https://x.example/r/versions/001.sql"],
    ["keeps a ref with slashes readable", { repoUrl: "https://x.example/blob/{ref}/{path}", ref: "release/1.2", path: "001.sql" }, "https://x.example/blob/release/1.2/001.sql"],
  ];
  it.each(cases)("%s", (_name, input, expected) => expect(repoFileUrl(input)).toBe(expected));
});
