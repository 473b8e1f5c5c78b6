import "server-only";

// Schema drift and baseline (issue 8): what the CLI and the dashboard call.
//
//   computeDrift({ reader, project: replayProjectOf(loaded), rows, target, provider })  → DriftReport (the CLI JSON)
//   findBaseline({ project, provider, live })                                            → candidates with their differences
//   introspectSchema({ reader, schemas?, versionTable? })                                → SchemaModel
//   expectedSchemaAt({ project, provider }, rows)                                        → the replayed schema (cached)
//   scratchProviderFor({ dialect, url, open })                                           → where replays run
//   recordChecksums / forgetChecksums / readChecksums                                    → retort_revision
//
// `reader` is any connection with lib/server/db's DbConnection shape; `open` turns a URL into one.
export { findBaseline, type BaselineReport } from "./baseline";
export { checksumRecordsFor, checksumTableDdl, forgetChecksums, readChecksums, recordChecksums, CHECKSUM_TABLE } from "./checksums";
export { computeDrift, driftOutcome, type DriftOptions, type DriftReport } from "./drift";
export { expectedSchemaAt, type ExpectedResult } from "./expected";
export { introspectSchema } from "./introspect";
export { replayProjectOf } from "./project";
export type { OpenConnection, ReplayConnection, SchemaReader } from "./reader";
export type { ReplayFailure, ReplayProject } from "./replay";
export { sharedSchemaCache } from "./schema-cache";
export { scratchProviderFor, type ScratchProvider } from "./scratch";
export { stopEmbeddedScratchServer } from "./scratch-postgres";
