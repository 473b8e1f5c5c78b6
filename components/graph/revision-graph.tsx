"use client";

import "@xyflow/react/dist/style.css";
import { ReactFlowProvider, type NodeMouseHandler } from "@xyflow/react";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { decodeGraphPayload, type GraphPayload } from "@/lib/core/view/graph-payload";
import type { EnvironmentView, ProjectGraphView } from "@/lib/core/view/view-types";
import { badgesByRevision, problemsByRevision } from "./environment-overlay";
import { EnvSelector } from "./env-selector";
import { FoldSelector, parseFoldParam } from "./fold-selector";
import { GraphCanvas } from "./graph-canvas";
import { GraphHighlightContext, type GraphHighlight } from "./graph-context";
import { JumpToEnvironment } from "./jump-to-environment";
import { PendingPath } from "./pending-path";
import { SearchBox } from "./search-box";
import { SelectedRevision } from "./selected-revision";
import { setSearchParams } from "./url-state";
import { useGraphModel } from "./use-graph-model";

/** The revision DAG with environment overlay, search and folding. State lives in the URL. */
export function RevisionGraph({ graph, environments }: { graph: GraphPayload; environments: EnvironmentView[] }) {
  const view = useMemo(() => decodeGraphPayload(graph), [graph]);
  return (
    <ReactFlowProvider>
      <Workbench view={view} environments={environments} />
    </ReactFlowProvider>
  );
}

function Workbench({ view, environments }: { view: ProjectGraphView; environments: EnvironmentView[] }) {
  const params = useSearchParams();
  const envName = params.get("env");
  const query = params.get("q") ?? "";
  const selected = params.get("rev");
  const minFoldLength = parseFoldParam(params.get("fold"));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const model = useGraphModel({ view, environments, envName, query, expanded, minFoldLength });
  const badges = useMemo(() => badgesByRevision(environments), [environments]);
  const problems = useMemo(() => problemsByRevision(view), [view]);

  const expandFold = useCallback((id: string) => setExpanded((prev) => new Set(prev).add(id)), []);
  const activate = useCallback(
    (id: string, type: string | undefined) => (type === "fold" ? expandFold(id) : setSearchParams({ rev: id })),
    [expandFold],
  );
  const onNodeClick = useCallback<NodeMouseHandler>((_, node) => activate(node.id, node.type), [activate]);
  const onNodeActivate = useCallback(
    (id: string) => activate(id, model.nodes.find((n) => n.id === id)?.type),
    [activate, model.nodes],
  );
  const highlight: GraphHighlight = useMemo(
    () => ({ overlay: model.overlay, states: model.states, badges, problems, focused: model.focused, selected, expandFold }),
    [model.overlay, model.states, badges, problems, model.focused, selected, expandFold],
  );
  const selectedRevision = selected ? model.byId.get(selected) : undefined;
  const children = useMemo(
    () => (selected ? view.revisions.filter((r) => r.downRevisions.includes(selected)).map((r) => r.revision) : []),
    [view, selected],
  );

  return (
    <GraphHighlightContext.Provider value={highlight}>
      <div className="flex flex-col gap-3">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <SearchBox key={query} revisions={view.revisions} environments={environments} initial={query} />
          <div className="flex flex-wrap items-center gap-4">
            <FoldSelector value={minFoldLength} />
            <EnvSelector environments={environments} value={model.overlay?.env.name ?? null} />
            {model.overlay && <JumpToEnvironment rows={model.overlay.env.rows} name={model.overlay.env.name} />}
          </div>
        </div>
        {model.overlay && <PendingPath project={view.project} overlay={model.overlay} />}
        <div
          data-testid="revision-graph"
          data-rows={model.layout.rows}
          className="h-[72vh] min-h-[480px] overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/40"
        >
          <GraphCanvas
            layout={model.layout}
            revisions={model.byId}
            nodes={model.nodes}
            edges={model.edges}
            focused={model.focused}
            onNodeClick={onNodeClick}
            onNodeActivate={onNodeActivate}
            panel={
              selectedRevision ? (
                <SelectedRevision
                  project={view.project}
                  revision={selectedRevision}
                  children={children}
                  envs={badges.get(selectedRevision.revision) ?? []}
                />
              ) : null
            }
          />
        </div>
      </div>
    </GraphHighlightContext.Provider>
  );
}
