// What the commands that use Retort's metadata database share: a plain error when it cannot be
// reached, and a clean exit (the pool closed; an embedded cluster this command had to start is
// stopped again unless a server is using it).
import { dataDir } from "../../server/auth/secure-file";
import { closeMeta, metaMode, MetaUnavailableError } from "../../server/meta/pool";
import { CliError } from "../output";

export function metaDescription(): string {
  return metaMode() === "external" ? "the metadata database (RETORT_DATABASE_URL)" : `the metadata database in ${dataDir()}`;
}

export async function withMetaCommand(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MetaUnavailableError) throw new CliError(error.code, error.message);
    throw error;
  } finally {
    await closeMeta({ stopIfIdle: true });
  }
}
