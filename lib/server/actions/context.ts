import "server-only";
import type { MigrationFormat } from "../../core/types";
import { databaseOf, type EnvironmentConfig } from "../config";
import { connector } from "../db/connect";
import type { ConnectionSource } from "../db/types";
import { readEnvironmentState } from "../environment-reader";
import { findEnvironmentConfig } from "../environments";
import { getProject, type LoadedProject } from "../project-cache";
import type { VersionTableTarget } from "../sql-identifiers";
import type { ActionFailure } from "./views";

// Everything an action on one environment needs: its config, its project (loaded fresh if the
// files changed), where its version table lives, and a connection source for the executors.

export interface EnvironmentContext {
  env: EnvironmentConfig;
  project: LoadedProject;
  format: MigrationFormat | null;
  target: VersionTableTarget;
}

export async function loadEnvironmentContext({ env }: { env: string }): Promise<{ ok: true; context: EnvironmentContext } | ActionFailure> {
  const config = findEnvironmentConfig({ env });
  if (!config) return { ok: false, code: "not-found:environment", message: `No environment named ${env} is configured.` };
  if (config.unavailable) return { ok: false, code: "unavailable", message: `${config.name} cannot be used: ${config.unavailable}.` };
  const project = await getProject({ name: config.project });
  if (!project) return { ok: false, code: "not-found:project", message: `Project ${config.project} is not configured.` };
  return {
    ok: true,
    context: {
      env: config,
      project,
      format: project.config.format ?? project.directory.format,
      target: { table: config.versionTable, schema: config.versionSchema },
    },
  };
}

/** The version rows as they are now (sorted), or a refusal when the database cannot be read. */
export async function readRows(context: EnvironmentContext): Promise<{ ok: true; rows: string[]; missing?: boolean } | ActionFailure> {
  const state = await readEnvironmentState({ env: context.env });
  if (!state.reachable) return { ok: false, code: "unreachable", message: `${context.env.name} cannot be read: ${state.reason}.` };
  return { ok: true, rows: state.rows, ...(state.missing ? { missing: true } : {}) };
}

/**
 * A fresh connection per run, never a pooled one: a run waiting for a pool slot would try the
 * lock only after the holder finished, and then be refused as rows-changed instead of locked.
 * `create`: a SQLite file may be created, for the actions that create the version table.
 */
export function actionConnection(env: EnvironmentConfig, options: { create?: boolean } = {}): { connection: ConnectionSource; secrets: string[] } {
  const url = databaseOf(env);
  const connection = connector(url, {
    connectTimeoutMs: 10_000,
    lockTimeoutMs: env.lockTimeoutMs || undefined,
    statementTimeoutMs: env.statementTimeoutMs || undefined,
    create: options.create,
  });
  return { connection, secrets: url.secrets };
}
