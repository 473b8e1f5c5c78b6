import "server-only";
import { loadConfig } from "../config";
import { getEnvironmentViews, sweepInterrupted } from "../environments";
import { metaPool } from "../meta/pool";
import { warmUp } from "../warm-up";
import { trustedProxyProblem } from "./trusted-proxy";

/**
 * Run once when a Retort server starts (instrumentation.ts). An unsafe trusted-proxy setup
 * ends the process (exit 78, EX_CONFIG) with the reason; the metadata database is opened (and migrated, and
 * interrupted approvals swept) now rather than on the first request, and runs a dead process left
 * `running` in the environments' audit tables are marked interrupted (in the background). Then,
 * also in the background, the projects are loaded and every environment read once (warmUp,
 * reported by /api/health, says when that is done).
 */
export async function onServerStart(): Promise<void> {
  const problem = trustedProxyProblem();
  if (problem) {
    console.error(`Retort refuses to start: ${problem}`);
    // Next.js would log a thrown error and keep listening: a server that half-started is worse.
    process.exit(78);
  }
  const started = performance.now();
  const projects = warmProjects();
  try {
    await metaPool();
  } catch (error) {
    // Not fatal: pages say so, and each request tries again.
    console.error(error instanceof Error ? error.message : "Retort's metadata database is unavailable");
  }
  const config = loadConfig();
  // In the background: a dead database must not hold the server up.
  if (config.ok) void sweepInterrupted(config.config.environments);
  // Then every environment is read once, as the overview does (each within the reader's time
  // limit; a dead one is only a slow answer): drivers loaded and status connections open (idle for
  // a while, within the per-server limit) when the first visitor comes.
  void projects
    .then(() => (config.ok ? getEnvironmentViews() : undefined))
    .catch(() => undefined)
    .finally(() => (warmUp.ms = performance.now() - started));
}

/**
 * Parses every configured project in the background, so the first request after `next start`
 * finds them in the project cache instead of paying for the parse. Never delays start-up and
 * never fails it: a project that cannot be read is read (and reported) again on request.
 */
function warmProjects(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    const { getProject, listProjectConfigs } = await import("../project-cache");
    for (const project of listProjectConfigs()) await getProject({ name: project.name }).catch(() => undefined);
  });
}
