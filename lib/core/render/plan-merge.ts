// Merging heads into a new revision (alembic merge, §6), with the checks Alembic skips.
import { RevisionError, toResult } from "../errors";
import { resolveTargets } from "../plan/resolve";
import type { RevisionMap } from "../graph/revision-map";
import { validateRevisionId } from "../files/revision-file";
import type { Result } from "../types";

export interface MergeRequest {
  /** Revision arguments as typed: ids, prefixes, labels, `heads`. */
  revisions: string[];
  message: string;
  branchLabel?: string;
  /** The new id; a random 12-hex id when absent (Alembic's uuid4()[-12:]). */
  revisionId: string;
  /** Allow parents that are not heads (alembic merge --splice). */
  splice?: boolean;
}

export interface MergePlan {
  revision: string;
  /** Full ids in the order given; one parent makes a plain child revision, as in Alembic. */
  downRevisions: string[];
  branchLabels: string[];
  message: string;
}

export const MAX_MESSAGE_LENGTH = 500;
const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const NEW_REVISION_ID = /^[A-Za-z0-9_]{1,32}$/;

function checkInputs(map: RevisionMap, request: MergeRequest): void {
  const idProblem = validateRevisionId(request.revisionId);
  if (idProblem) throw new RevisionError("invalid-argument", idProblem);
  // The id becomes part of a file name: Retort only writes ids made of word characters.
  if (!NEW_REVISION_ID.test(request.revisionId)) {
    throw new RevisionError("invalid-argument", `Revision id '${request.revisionId}' may only contain letters, digits and underscores`);
  }
  if (map.get(request.revisionId) || map.labels.has(request.revisionId)) {
    throw new RevisionError("invalid-argument", `Revision id '${request.revisionId}' is already used in this project`);
  }
  if (request.message.trim().length === 0) throw new RevisionError("invalid-argument", "A merge needs a message (-m)");
  if (request.message.length > MAX_MESSAGE_LENGTH) {
    throw new RevisionError("invalid-argument", `The message is ${request.message.length} characters; keep it under ${MAX_MESSAGE_LENGTH}`);
  }
  if (request.branchLabel !== undefined) {
    if (!LABEL.test(request.branchLabel)) {
      throw new RevisionError("invalid-argument", `Branch label '${request.branchLabel}' must be letters, digits and underscores, starting with a letter`);
    }
    const owner = map.labels.get(request.branchLabel) ?? (map.get(request.branchLabel) ? request.branchLabel : undefined);
    if (owner) throw new RevisionError("invalid-argument", `Branch name '${request.branchLabel}' in revision ${request.revisionId} already used by revision ${owner}`);
  }
}

function resolveParents(map: RevisionMap, request: MergeRequest): string[] {
  const parents: string[] = [];
  for (const ident of request.revisions) {
    let ids: string[];
    try {
      ids = resolveTargets(map, ident);
    } catch (error) {
      if (error instanceof RevisionError && error.code === "multiple-heads") {
        throw new RevisionError("multiple-heads", "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.", error.revisions);
      }
      throw error;
    }
    for (const id of ids) {
      if (parents.includes(id)) throw new RevisionError("duplicate-heads", `Duplicate head revisions specified (${id})`, [id]);
      parents.push(id);
    }
  }
  return parents;
}

/** Alembic writes a merge of related parents without a word, and `upgrade` later crashes on it. */
function refuseRelatedParents(map: RevisionMap, parents: string[]): void {
  for (const parent of parents) {
    const others = parents.filter((p) => p !== parent);
    const below = map.ancestors(others);
    if (below.has(parent)) {
      const child = others.find((o) => map.ancestors([o]).has(parent))!;
      throw new RevisionError("related-parents", `Cannot merge ${parent} with ${child}: ${parent} is an ancestor of ${child}, so the merge would record overlapping rows`, [parent, child]);
    }
  }
}

export function planMerge(map: RevisionMap, request: MergeRequest): Result<MergePlan> {
  return toResult(() => {
    checkInputs(map, request);
    if (request.revisions.length === 0) throw new RevisionError("invalid-argument", "Name the revisions to merge, e.g. `heads`");
    const parents = resolveParents(map, request);
    if (parents.length === 0) throw new RevisionError("invalid-argument", "Nothing to merge: the directory has no revisions");
    if (!request.splice) {
      for (const id of parents) {
        if (!map.get(id)!.isHead) {
          throw new RevisionError("not-a-head", `Revision ${id} is not a head revision; please specify --splice to create a new branch from this revision`, [id]);
        }
      }
    }
    refuseRelatedParents(map, parents);
    const labels = request.branchLabel ? [request.branchLabel] : [];
    return { revision: request.revisionId, downRevisions: parents, branchLabels: labels, message: request.message.trim() };
  });
}
