// lib/core/plan: Alembic's command layer before it touches a database. A target (`heads`,
// `branch@head`, `+2`, a prefix) resolved against the graph, then the steps of an upgrade or
// downgrade (Alembic's _UpgradeStep / _DowngradeStep order), the version-table ops of a stamp,
// and an environment's position and status from its rows (`alembic current`).
export { resolveRows, resolveSingle, resolveTargets } from "./resolve";
export { resolveDowngradeTarget, resolveForCommand, resolveUpgradeTarget } from "./resolve-relative";
export { planUpgrade } from "./plan-upgrade";
export { planDowngrade } from "./plan-downgrade";
export { planStamp } from "./plan-stamp";
export { planSteps } from "./version-rows";
export { classifyEnvironment, type EnvironmentStatus } from "./environment-status";
export { currentRevisions, isUpToDate, pendingForHeads, unknownRows } from "./current";
