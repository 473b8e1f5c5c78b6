import "server-only";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ModuleFile, ModuleLoader } from "../core/python/namespace";

// Finds a project's own Python modules the way Python's path finder would, so the static reader
// can follow `from neutron.db.migration import cli`: the first root that has the top-level
// package wins, and the rest of the dotted name is looked up inside it. Only regular .py files
// under the size limit are read; nothing is executed.

const MAX_MODULE_BYTES = 2 * 1024 * 1024;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function kindOf(p: string): "file" | "dir" | null {
  const info = statSync(p, { throwIfNoEntry: false });
  return info?.isFile() ? "file" : info?.isDirectory() ? "dir" : null;
}

function readModule(file: string, isPackage: boolean): ModuleFile | null {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile() || info.size > MAX_MODULE_BYTES) return null;
  return { path: file, text: readFileSync(file, "utf8"), isPackage };
}

/** A loader over `roots` (sys.path order). */
export function createImportPathLoader(roots: string[]): ModuleLoader {
  return (moduleName) => {
    const parts = moduleName.split(".");
    if (!parts.every((part) => IDENTIFIER.test(part))) return null;
    const root = roots.find((r) => kindOf(path.join(r, parts[0])) === "dir" || kindOf(path.join(r, `${parts[0]}.py`)) === "file");
    if (!root) return null;
    const base = path.join(root, ...parts);
    if (kindOf(`${base}.py`) === "file" && kindOf(base) !== "dir") return readModule(`${base}.py`, false);
    if (kindOf(path.join(base, "__init__.py")) === "file") return readModule(path.join(base, "__init__.py"), true);
    return kindOf(`${base}.py`) === "file" ? readModule(`${base}.py`, false) : null;
  };
}
