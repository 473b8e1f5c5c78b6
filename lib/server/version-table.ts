import "server-only";
// Version-table access lives in the dialect layer; kept here for existing imports.
export { applyVersionOps, ensureVersionTable, purgeVersionTable, readVersionRows, VersionTableError } from "./db/version-table";
