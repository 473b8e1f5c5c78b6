import "server-only";
import { createModuleResolver, parsePythonRevision } from "../core/read/parse-python";
import { parseSqlRevision } from "../core/read/parse-sql";
import type { ParseResult } from "../core/types";
import { createImportPathLoader } from "./python-import-path";
import type { FileEntry } from "./version-files";

// The revision parsers, in a module of their own: loadMigrationDirectory imports it on the first
// file the header cache cannot answer for, so a warm CLI run never compiles the Python reader.

export type RevisionParser = (entry: FileEntry, text: string) => ParseResult;

/** A parser for one load: module lookups (constants imported from the project) are shared by its files. */
export function createRevisionParser(importRoots: string[]): RevisionParser {
  const modules = createModuleResolver(createImportPathLoader(importRoots));
  return (entry, text) => {
    if (entry.kind === "sql") return parseSqlRevision(entry.rel, text);
    const result = parsePythonRevision(entry.rel, text, { modules });
    if (text.includes("\ufffd") && !result.problems.some((p) => p.kind === "syntax")) {
      result.problems.push({ kind: "syntax", path: entry.rel, message: `${entry.rel} is not valid UTF-8, so Python cannot import it (SyntaxError: invalid utf-8)`,
        fix: "Save the file as UTF-8, or declare its encoding on the first line (# -*- coding: latin-1 -*-)." });
    }
    return result;
  };
}
