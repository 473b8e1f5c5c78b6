import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readAlembicIni } from "../core/read/alembic-config";
import type { Problem } from "../core/types";
import { statOrNull } from "./stat-or-null";

// What a project's `dir` or `alembicIni` names: a folder with alembic.ini (Flask-Migrate's too),
// an Alembic script_location, or a bare versions directory.

export interface Layout {
  root: string;
  versionDirectories: string[];
  recursive: boolean;
  sourceless: boolean;
  alembicIni: string | null;
  fileTemplate: string;
  truncateSlugLength: number;
  /** The folder holding env.py and script.py.mako, when there is one. */
  scriptLocation: string | null;
  /** alembic.ini's revision_environment: Alembic runs env.py before writing a revision. */
  revisionEnvironment: boolean;
  /** Where `import x` in a revision file finds project modules, in sys.path order. */
  importRoots: string[];
  problems: Problem[];
}

export interface LayoutOptions {
  /** A version directory, an Alembic script_location, or a directory holding alembic.ini. */
  dir?: string;
  alembicIni?: string;
  /** Base for relative paths (Alembic resolves script_location against the cwd). */
  cwd?: string;
}

const DEFAULT_TEMPLATE = "%(rev)s_%(slug)s";
/** How far above the script location Retort looks for the project's packages (neutron: 4 levels). */
const PARENT_LEVELS = 8;

// A handful of synchronous calls per load: each promise would cost a round trip through the thread
// pool (a CLI run would spend more time waiting for them than stat-ing).
function isDirectory(p: string): boolean {
  return statOrNull(p)?.isDirectory() ?? false;
}

function isFile(p: string): boolean {
  return statOrNull(p)?.isFile() ?? false;
}

async function layoutFromIni(iniPath: string, cwd: string): Promise<Layout> {
  const text = readFileSync(iniPath, "utf8");
  const iniDir = path.dirname(iniPath);
  // Flask-Migrate sets script_location to the folder holding its alembic.ini and env.py.
  const flaskMigrate = isFile(path.join(iniDir, "env.py")) ? iniDir : undefined;
  const ini = readAlembicIni(text, iniDir, cwd, "alembic", { defaultScriptLocation: flaskMigrate });
  const relIni = path.basename(iniPath);
  const problems = ini.problems.map((p) => ({ ...p, path: p.path ?? relIni }));
  return {
    root: iniDir,
    versionDirectories: ini.versionLocations,
    recursive: ini.recursiveVersionLocations,
    sourceless: ini.sourceless,
    alembicIni: iniPath,
    fileTemplate: ini.fileTemplate,
    truncateSlugLength: ini.truncateSlugLength,
    scriptLocation: ini.scriptLocation,
    revisionEnvironment: ini.revisionEnvironment,
    importRoots: importRoots([...ini.prependSysPath, cwd, iniDir], ini.scriptLocation),
    problems,
  };
}

/**
 * sys.path as Alembic's process would have it, for finding the project's own modules: the
 * prepend_sys_path entries, the directory Alembic runs in, then the script location's parents
 * (where an installed-in-place package such as neutron lives).
 */
function importRoots(first: string[], scriptLocation: string | null): string[] {
  const roots = [...first];
  let dir = scriptLocation;
  for (let level = 0; dir && level < PARENT_LEVELS; level++) {
    roots.push(dir);
    const parent = path.dirname(dir);
    dir = parent === dir ? null : parent;
  }
  return [...new Set(roots.map((root) => path.resolve(root)))];
}

export async function resolveLayout(options: LayoutOptions): Promise<Layout> {
  const cwd = options.cwd ?? process.cwd();
  if (options.alembicIni) return layoutFromIni(path.resolve(cwd, options.alembicIni), cwd);
  const dir = path.resolve(cwd, options.dir ?? ".");
  const plain = (versionDirectories: string[], problems: Problem[], scriptLocation: string | null = null): Layout => ({
    root: dir, versionDirectories, recursive: false, sourceless: false, alembicIni: null,
    fileTemplate: DEFAULT_TEMPLATE, truncateSlugLength: 40, scriptLocation, revisionEnvironment: false, importRoots: importRoots([dir], versionDirectories[0] ?? dir), problems,
  });
  if (!isDirectory(dir)) {
    return plain([], [{
      kind: "unreadable",
      message: `Migration directory ${options.dir ?? dir} does not exist or is not a directory`,
      fix: "Check the project's `dir` in retort.config.json or the --dir argument.",
    }]);
  }
  if (isFile(path.join(dir, "alembic.ini"))) return layoutFromIni(path.join(dir, "alembic.ini"), dir);
  const isScriptLocation = isFile(path.join(dir, "env.py")) && isDirectory(path.join(dir, "versions"));
  return isScriptLocation ? plain([path.join(dir, "versions")], [], dir) : plain([dir], []);
}
