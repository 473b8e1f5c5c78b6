/** Random starting version tables and meaningful targets for a generated project. */
import type { GeneratedProject } from "./generate-project";
import type { Operation } from "./operations";
import type { Rng } from "./prng";

type Pick = () => string | null;

export function pickOperations(rng: Rng, project: GeneratedProject, counts: { upgrade: number; downgrade: number; stamp: number }): Operation[] {
  const ops: Operation[] = [{ kind: "heads" }];
  const p = new Picker(rng, project);
  for (let i = 0; i < counts.upgrade; i++) {
    const startRows = p.startRows(true);
    ops.push({ kind: "upgrade", target: p.first(p.upgradeTargets(startRows ?? [])), startRows });
  }
  for (let i = 0; i < counts.downgrade; i++) {
    const startRows = p.startRows(true);
    ops.push({ kind: "downgrade", target: p.first(p.downgradeTargets(startRows ?? [])), startRows });
  }
  for (let i = 0; i < counts.stamp; i++) {
    const purge = rng.chance(0.15);
    const startRows = purge && rng.chance(0.3) ? ["0badc0ffee00"] : p.startRows(false);
    ops.push({ kind: "stamp", targets: p.stampTargets(startRows ?? []), startRows, purge });
  }
  return ops;
}

class Picker {
  private readonly ids: string[];
  private readonly labels: string[];
  private readonly keys: string[];

  constructor(private readonly rng: Rng, private readonly project: GeneratedProject) {
    this.ids = project.revisions.map((r) => r.revision);
    this.labels = [...project.facts.labelOwner.keys()];
    this.keys = [...this.ids, ...this.labels];
  }

  /** Version rows: mostly consistent states; with `invalid`, sometimes overlapping or unknown rows. */
  startRows(invalid: boolean): string[] | null {
    const { rng } = this;
    const r = rng.next();
    if (r < 0.08) return null;
    if (r < 0.2) return [];
    if (r < 0.28) {
      // Heads can overlap (an effective head is an ancestor of its dependant): valid only sometimes.
      const heads = rng.sample(this.project.facts.heads(), rng.int(1, 3));
      if (invalid || this.project.facts.isAntichain(heads)) return heads;
    }
    if (invalid && r < 0.33) return this.overlapping();
    if (invalid && r < 0.36) return ["0badc0ffee00"];
    return this.antichain(rng.chance(0.6) ? 1 : rng.int(2, 3));
  }

  /** The first applicable of several weighted, shuffled target generators. */
  first(picks: Pick[]): string {
    for (const pick of this.rng.sample(picks, picks.length)) {
      const target = pick();
      if (target !== null) return target;
    }
    return "heads";
  }

  upgradeTargets(rows: string[]): Pick[] {
    const { rng } = this;
    const above = this.without(this.project.facts.descendants(rows), rows);
    return [
      () => "heads", () => "heads", () => "head", () => this.anyId(), () => this.anyId(),
      () => this.from(above), () => this.from(above), () => this.from(this.below(rows)),
      () => this.uniquePrefix(), () => this.label("@head"), () => this.label("@heads"),
      () => `+${rng.int(1, 3)}`, () => `${this.anyId()}+${rng.int(1, 2)}`, () => `${this.anyId()}-1`,
      () => this.label(`@+${rng.int(1, 2)}`), () => "base", () => "head-1",
      () => (rows.length > 0 ? `${rng.pick(rows)}@head` : null),
      () => { const row = this.from(rows); return row === null ? null : `${row}+1`; },
    ];
  }

  downgradeTargets(rows: string[]): Pick[] {
    const { rng } = this;
    const below = this.below(rows);
    return [
      () => "base", () => "base", () => this.label("@base"), () => this.from(below), () => this.from(below),
      () => this.anyId(), () => "-1", () => `-${rng.int(1, 3)}`, () => this.label(`@-${rng.int(1, 2)}`),
      () => { const row = this.from(rows); return row === null ? null : `${row}-${rng.int(1, 2)}`; },
      () => `base+${rng.int(1, 2)}`, () => "heads", () => "head", () => this.from(rows), () => `${this.anyId()}+1`,
      () => { const b = this.from(below); return b === null ? null : this.label(`@${b}`); },
      () => { const b = this.from(this.branchPoints()); return b === null ? null : this.label(`@${b}`); },
      () => this.uniquePrefix(),
    ];
  }

  stampTargets(rows: string[]): string[] {
    const { rng } = this;
    const r = rng.next();
    if (r < 0.12) return ["heads"];
    if (r < 0.18) return ["head"];
    if (r < 0.25) return ["base"];
    if (r < 0.32) return [this.label("@base") ?? "base"];
    if (r < 0.4) return [this.label("@head") ?? "heads"];
    if (r < 0.45) return [this.label("") ?? "heads"];
    if (r < 0.55) return [this.from(this.below(rows)) ?? this.anyId()];
    if (r < 0.65) return [this.from(this.without(this.project.facts.descendants(rows), rows)) ?? this.anyId()];
    if (r < 0.8) return this.antichain(2);
    return [this.anyId()];
  }

  private antichain(size: number): string[] {
    const { facts } = this.project;
    const rows: string[] = [];
    for (let tries = 0; tries < 20 && rows.length < size; tries++) {
      const candidate = this.anyId();
      if (facts.isAntichain([...rows, candidate])) rows.push(candidate);
    }
    return rows;
  }

  private overlapping(): string[] {
    const top = this.anyId();
    const below = this.without(this.project.facts.ancestors([top]), [top]);
    const low = this.from(below);
    if (low === null) return [top];
    return this.rng.chance(0.5) ? [top, low] : [low, top];
  }

  private below(rows: string[]): string[] {
    return [...this.project.facts.ancestors(rows)];
  }

  private branchPoints(): string[] {
    return this.ids.filter((id) => this.project.facts.downChildrenOf(id).length > 1);
  }

  private anyId(): string {
    return this.rng.pick(this.ids);
  }

  private from(items: readonly string[]): string | null {
    return items.length === 0 ? null : this.rng.pick(items);
  }

  private without(set: Set<string>, drop: readonly string[]): string[] {
    for (const d of drop) set.delete(d);
    return [...set];
  }

  private label(suffix: string): string | null {
    return this.labels.length === 0 ? null : `${this.rng.pick(this.labels)}${suffix}`;
  }

  /** A 5–8 character prefix of a hex id that no other key (id or label) starts with. */
  private uniquePrefix(): string | null {
    const id = this.anyId();
    if (!/^[0-9a-f]{12}$/.test(id)) return null;
    const prefix = id.slice(0, this.rng.int(5, 8));
    return this.keys.filter((k) => k.length > 3 && k.startsWith(prefix)).length === 1 ? prefix : null;
  }
}
