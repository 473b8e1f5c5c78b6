// The revision graph by load position ("slot") instead of by id: building the map walks every
// edge several times, and integer rows cost a fraction of string-keyed Map lookups.

/** Adjacency in compressed rows: the neighbours of slot i are `to[start[i]]` … `to[start[i + 1] - 1]`. */
export interface Rows {
  start: Int32Array;
  to: number[];
}

/** Rows for `count` slots, filled in slot order by `push` and closed by `endRow`. */
export class RowsBuilder implements Rows {
  readonly start: Int32Array;
  readonly to: number[] = [];
  private row = 0;

  constructor(count: number) {
    this.start = new Int32Array(count + 1);
  }

  push(j: number): void {
    this.to.push(j);
  }

  /** Closes the current slot's row; call once per slot, in order. */
  endRow(): void {
    this.start[++this.row] = this.to.length;
  }
}

/** Each slot's row of `a` followed by its row of `b` (e.g. down_revision plus depends_on). */
export function joinRows(count: number, a: Rows, b: Rows): Rows {
  const joined = new RowsBuilder(count);
  for (let i = 0; i < count; i++) {
    for (let e = a.start[i]; e < a.start[i + 1]; e++) joined.push(a.to[e]);
    for (let e = b.start[i]; e < b.start[i + 1]; e++) joined.push(b.to[e]);
    joined.endRow();
  }
  return joined;
}

/**
 * Kahn's order over slots 0..count-1, every slot after its `parents`; ready slots are taken in
 * slot order. Slots on or below a cycle never become ready and are returned as `stuck`.
 */
export function kahnSlots(count: number, parents: Rows): { order: number[]; stuck: number[] } {
  const { start, to } = parents;
  const waiting = new Int32Array(count);
  // Children in compressed rows too, each row in ascending slot order.
  const first = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    waiting[i] = start[i + 1] - start[i];
    for (let e = start[i]; e < start[i + 1]; e++) first[to[e] + 1]++;
  }
  for (let i = 0; i < count; i++) first[i + 1] += first[i];
  const fill = first.slice(0, count);
  const children = new Int32Array(to.length);
  for (let i = 0; i < count; i++) for (let e = start[i]; e < start[i + 1]; e++) children[fill[to[e]]++] = i;
  const order: number[] = [];
  for (let i = 0; i < count; i++) if (waiting[i] === 0) order.push(i);
  for (let q = 0; q < order.length; q++) {
    const at = order[q];
    for (let c = first[at]; c < first[at + 1]; c++) if (--waiting[children[c]] === 0) order.push(children[c]);
  }
  const stuck: number[] = [];
  if (order.length < count) for (let i = 0; i < count; i++) if (waiting[i] > 0) stuck.push(i);
  return { order, stuck };
}
