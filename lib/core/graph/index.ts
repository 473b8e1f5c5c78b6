// lib/core/graph: Alembic's RevisionMap. The map built from the loaded revisions (heads, bases,
// branch labels, dependencies, the problems that make Alembic refuse a directory), the walks over
// it (ancestors, topological order) and the order `history` prints it in.
export { buildRevisionMap, RevisionMap } from "./revision-map";
export { branchTips, closure, isAncestorOfAny, topoSortDescending, type TraversableGraph } from "./traverse";
export { historyLine, historyOrder } from "./history";
