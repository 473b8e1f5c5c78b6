// `alembic revision` (semantics §6): which parents and dependencies a new revision gets, with
// Alembic's own refusals (non-head without --splice, duplicate heads, several heads).
import { RevisionError, toResult } from "../errors";
import { MAX_MESSAGE_LENGTH } from "./plan-merge";
import { resolveSingle, resolveTargets } from "../plan/resolve";
import type { RevisionMap } from "../graph/revision-map";
import { validateRevisionId } from "../files/revision-file";
import type { Result } from "../types";

export interface RevisionRequest {
  /** null → "empty message", as Alembic writes without -m. */
  message: string | null;
  /** `--head`: default `head`; `base` starts a new root; `heads` or several ids make a merge. */
  head?: string;
  splice?: boolean;
  branchLabel?: string;
  dependsOn?: string[];
  revisionId: string;
}

export interface RevisionPlan {
  revision: string;
  downRevisions: string[];
  branchLabels: string[];
  /** Full ids, except that branch labels stay labels (Alembic keeps them as written). */
  dependsOn: string[];
  message: string | null;
}

const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const NEW_REVISION_ID = /^[A-Za-z0-9_]{1,32}$/;
const SEVERAL_HEADS = "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.";

function checkIds(map: RevisionMap, request: RevisionRequest): void {
  const idProblem = validateRevisionId(request.revisionId);
  if (idProblem) throw new RevisionError("invalid-argument", idProblem);
  // The id becomes part of a file name: Retort only writes ids made of word characters.
  if (!NEW_REVISION_ID.test(request.revisionId)) throw new RevisionError("invalid-argument", `Revision id '${request.revisionId}' may only contain letters, digits and underscores`);
  if (map.get(request.revisionId) || map.labels.has(request.revisionId)) throw new RevisionError("invalid-argument", `Revision id '${request.revisionId}' is already used in this project`);
  if ((request.message ?? "").length > MAX_MESSAGE_LENGTH) throw new RevisionError("invalid-argument", `The message is ${request.message!.length} characters; keep it under ${MAX_MESSAGE_LENGTH}`);
  const label = request.branchLabel;
  if (label === undefined) return;
  if (!LABEL.test(label)) throw new RevisionError("invalid-argument", `Branch label '${label}' must be letters, digits and underscores, starting with a letter`);
  const owner = map.labels.get(label) ?? (map.get(label) ? label : undefined);
  if (owner) throw new RevisionError("invalid-argument", `Branch name '${label}' in revision ${request.revisionId} already used by revision ${owner}`);
}

function parentsOf(map: RevisionMap, request: RevisionRequest): string[] {
  const head = request.head ?? "head";
  let parents: string[];
  try {
    parents = head === "base" ? [] : resolveTargets(map, head);
  } catch (error) {
    if (error instanceof RevisionError && error.code === "multiple-heads") throw new RevisionError("multiple-heads", SEVERAL_HEADS, error.revisions);
    throw error;
  }
  if (new Set(parents).size !== parents.length) throw new RevisionError("duplicate-heads", "Duplicate head revisions specified");
  if (!request.splice) {
    for (const id of parents) {
      if (!map.get(id)!.isHead) throw new RevisionError("not-a-head", `Revision ${id} is not a head revision; please specify --splice to create a new branch from this revision`, [id]);
    }
  }
  return parents;
}

export function planRevision(map: RevisionMap, request: RevisionRequest): Result<RevisionPlan> {
  return toResult(() => {
    checkIds(map, request);
    const downRevisions = parentsOf(map, request);
    const dependsOn = (request.dependsOn ?? []).map((dep) => {
      const id = resolveSingle(map, dep);
      if (id === null) throw new RevisionError("unknown-revision", `Can't locate revision identified by '${dep}'`);
      return map.get(id)!.propagatedLabels.includes(dep) ? dep : id;
    });
    return { revision: request.revisionId, downRevisions, branchLabels: request.branchLabel ? [request.branchLabel] : [], dependsOn, message: request.message };
  });
}
