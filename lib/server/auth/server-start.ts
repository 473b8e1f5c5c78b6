import "server-only";
import { loadConfig } from "../config";
import { sweepInterrupted } from "../environments";
import { metaPool } from "../meta/pool";
import { trustedProxyProblem } from "./trusted-proxy";

/**
 * Run once when a Retort server starts (instrumentation.ts). An unsafe trusted-proxy setup
 * ends the process (exit 78, EX_CONFIG) with the reason; the metadata database is opened (and migrated, and
 * interrupted approvals swept) now rather than on the first request, and runs a dead process left
 * `running` in the environments' audit tables are marked interrupted (in the background).
 */
export async function onServerStart(): Promise<void> {
  const problem = trustedProxyProblem();
  if (problem) {
    console.error(`Retort refuses to start: ${problem}`);
    // Next.js would log a thrown error and keep listening: a server that half-started is worse.
    process.exit(78);
  }
  warmProjects();
  try {
    await metaPool();
  } catch (error) {
    // Not fatal: pages say so, and each request tries again.
    console.error(error instanceof Error ? error.message : "Retort's metadata database is unavailable");
  }
  const config = loadConfig();
  // In the background: a dead database must not hold the server up.
  if (config.ok) void sweepInterrupted(config.config.environments);
}

/**
 * Parses every configured project in the background, so the first request after `next start`
 * finds them in the project cache instead of paying for the parse. Never delays start-up and
 * never fails it: a project that cannot be read is read (and reported) again on request.
 */
function warmProjects(): void {
  setImmediate(() => {
    void (async () => {
      const { getProject, listProjectConfigs } = await import("../project-cache");
      for (const project of listProjectConfigs()) await getProject({ name: project.name }).catch(() => undefined);
    })().catch(() => undefined);
  });
}
