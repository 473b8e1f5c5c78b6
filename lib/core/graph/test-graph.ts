// A small language for test graphs, so a table row can hold a whole migration directory:
//
//   graph("a; b<-a; c1<-b label=c1branch; c2<-b; d<-c1,c2 dep=a; x path=other/x.py")
//
// Entries are separated by `;` or newlines and produce RevisionSource[] in that load order.
// `id<-p1,p2` gives down_revision; `dep=` depends_on; `label=` (or `[label=...]`) branch
// labels; `path=` overrides the default path `versions/<id>.py`; `msg=` the message.
import { buildRevisionMap, type RevisionMap } from "./revision-map";
import type { RevisionSource } from "../types";

function list(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

function parseEntry(entry: string): RevisionSource {
  const [head, ...options] = entry.replace(/[[\]]/g, " ").trim().split(/\s+/);
  const [revision, parents = ""] = head.split("<-");
  const source: RevisionSource = {
    revision,
    downRevisions: list(parents),
    dependsOn: [],
    branchLabels: [],
    message: revision,
    longDoc: revision,
    createDate: null,
    path: `versions/${revision}.py`,
    format: "alembic",
  };
  for (const option of options) {
    const [key, value = ""] = option.split("=");
    if (key === "dep") source.dependsOn = list(value);
    else if (key === "label") source.branchLabels = list(value);
    else if (key === "path") source.path = value;
    else if (key === "msg") source.message = source.longDoc = value;
    else throw new Error(`test-graph: unknown option '${option}' in '${entry}'`);
  }
  return source;
}

export function graph(spec: string): RevisionSource[] {
  return spec
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0)
    .map(parseEntry);
}

export function mapOf(spec: string): RevisionMap {
  return buildRevisionMap(graph(spec));
}

/** A line a0 <- a1 <- ... of `length` revisions named `${prefix}${i}`, as DSL text. */
export function chainSpec(prefix: string, length: number, first?: string): string {
  const entries: string[] = [];
  for (let i = 0; i < length; i++) {
    const parent = i === 0 ? first : `${prefix}${i - 1}`;
    entries.push(parent ? `${prefix}${i}<-${parent}` : `${prefix}${i}`);
  }
  return entries.join("; ");
}

/** The fixtures of alembic-semantics §4 and §10 used across the tests. */
export const FIXTURES = {
  linear: "a; b<-a; c<-b; d<-c; e<-d",
  branched: "a; b<-a; c1<-b label=c1branch; c2<-b label=c2branch; d1<-c1; d2<-c2",
  /** branched plus e = merge(d1, d2) */
  merged: "a; b<-a; c1<-b label=c1branch; c2<-b label=c2branch; d1<-c1; d2<-c2; e<-d1,d2",
  /** §4.3 depends_on example */
  deps: "a1; a2<-a1; a3<-a2; b1; b2<-b1 dep=a2; b3<-b2",
} as const;
