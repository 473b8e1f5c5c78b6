import "server-only";
import type pg from "pg";
import { sweepInterruptedApprovals } from "./approval-leases";
import { importUsersFile } from "./import-users-file";

/** Once per process, on its first connection to the metadata database. */
export async function runStartupTasks(client: pg.ClientBase): Promise<void> {
  await importUsersFile(client);
  await sweepInterruptedApprovals(client);
}
