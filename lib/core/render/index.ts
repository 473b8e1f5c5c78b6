// lib/core/render: what Alembic writes. New revision and merge files (script.py.mako through a
// small Mako), the offline SQL of `--sql`, and the CLI's text in Alembic's shapes (heads,
// branches, history lines).
export { planMerge, type MergePlan } from "./plan-merge";
export { planRevision, type RevisionPlan } from "./plan-revision";
export { renderAlembicRevision, renderSqlRevision, renderTemplateRevision } from "./render-revision";
export { renderMako } from "./render-mako";
export { renderOfflineSql, sqlName, type SqlFlavor } from "./offline-sql";
export { branchesText, headsLine } from "./alembic-output";
export { historyRange, parseHistoryRange } from "./history-range";
