/**
 * The native-SQL twin of a generated Alembic project: the same revisions, the same sorted file
 * names (.sql for .py), and bodies that log each step in compat_log, so Retort's executor can run
 * on a real database what Alembic runs, and the two logs can be compared.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GeneratedProject } from "./generate-project";

export function writeNativeTwin(project: GeneratedProject, dir: string, logTable = "compat_log"): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const r of project.revisions) {
    const log = (direction: string) => `INSERT INTO ${logTable} (revision, direction) VALUES ('${r.revision}', '${direction}');`;
    const lines = [
      `-- revision: ${r.revision}`,
      `-- down_revision: ${r.downRevisions.join(", ")}`,
      ...(r.branchLabels.length > 0 ? [`-- branch_labels: ${r.branchLabels.join(", ")}`] : []),
      ...(r.dependsOn.length > 0 ? [`-- depends_on: ${r.dependsOn.join(", ")}`] : []),
      `-- message: ${r.message.replace(/\n/g, " ")}`,
      "",
      "-- migrate:up",
      log("up"),
      "",
      "-- migrate:down",
      log("down"),
      "",
    ];
    writeFileSync(path.join(dir, r.fileName.replace(/\.py$/, ".sql")), lines.join("\n"));
  }
  return dir;
}
