"use client";

import { createContext, useContext } from "react";
import type { EnvironmentView } from "@/lib/core/view/view-types";
import type { EnvironmentOverlay } from "./environment-overlay";

export type NodeState = "applied" | "pending" | "outside";

/**
 * Selection and highlight state, kept out of React Flow's nodes array: changing the
 * environment or the selection re-renders nodes through this context without rebuilding
 * (or re-measuring) the graph.
 */
export interface GraphHighlight {
  overlay: EnvironmentOverlay | null;
  /** Node id → state under the chosen environment (absent when none is chosen). */
  states: ReadonlyMap<string, NodeState>;
  badges: ReadonlyMap<string, EnvironmentView[]>;
  /** Revision → messages of the load-time problems naming it. */
  problems: ReadonlyMap<string, string[]>;
  focused: string | null;
  selected: string | null;
  expandFold: (foldId: string) => void;
}

export const GraphHighlightContext = createContext<GraphHighlight | null>(null);

export function useGraphHighlight(): GraphHighlight {
  const value = useContext(GraphHighlightContext);
  if (!value) throw new Error("useGraphHighlight outside RevisionGraph");
  return value;
}
