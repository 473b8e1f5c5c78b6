// lib/core/view: what the dashboard draws, with no Alembic counterpart. The graph's layout
// (lanes and rows), folds of long linear runs, the compact payload sent to the browser, links to
// files in the repository, and the serializable view types shared by server and UI.
export { layoutRevisionGraph, type GraphLayout } from "./layout";
export { findFoldRuns } from "./fold";
export { decodeGraphPayload, encodeGraphPayload, type GraphPayload } from "./graph-payload";
export { repoFileUrl } from "./repo-link";
export type { EnvironmentView, ProjectGraphView, RevisionNodeView } from "./view-types";
