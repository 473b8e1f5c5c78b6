import "server-only";
import { processState } from "./process-state";

/**
 * The start-up warm-up (server-start.ts): how long loading every configured project and reading
 * every environment once took, or null while it runs (or when the server was started without it). /api/health reports it, so a load
 * balancer or a benchmark can tell "listening" from "warm".
 */
export const warmUp = processState("warm-up", () => ({ ms: null as number | null }));
