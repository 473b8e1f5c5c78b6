// A module's top-level names as Python would bind them when importing it, evaluated lazily: a
// binding's expression is re-read only when a revision variable needs its value, and imported
// modules are read (through an injected loader, so this stays pure) only when named.
import { evaluate, type Scope } from "./eval";
import { parseExpression } from "./expr";
import { plainLiteral } from "./literal";
import { unknown, type PyValue } from "./value";

export type Binding =
  | { kind: "expr"; stmt: number; line: number; from: number; to: number; unpack: { index: number; count: number }[]; augment: string | null }
  | { kind: "import"; stmt: number; line: number; module: string }
  | { kind: "from"; stmt: number; line: number; module: string; level: number; name: string }
  | { kind: "unknown"; stmt: number; line: number; reason: string }
  | { kind: "deleted"; stmt: number; line: number };

/** A module file found on the import path; `isPackage` for `__init__.py`. */
export interface ModuleFile {
  path: string;
  text: string;
  isPackage: boolean;
}

/** Finds `a.b.c` on the paths Alembic would put on sys.path; null when it is not there. */
export type ModuleLoader = (moduleName: string) => ModuleFile | null;

export class Namespace {
  private readonly bindings = new Map<string, Binding[]>();
  private readonly stars: { stmt: number; module: string; level: number }[] = [];

  /** `name`: the dotted module name (null for a revision file, which is not in a package). */
  constructor(readonly text: string, readonly name: string | null, readonly isPackage = false) {}

  bind(name: string, binding: Binding): void {
    const list = this.bindings.get(name);
    if (list) list.push(binding);
    else this.bindings.set(name, [binding]);
  }

  bindStar(stmt: number, module: string, level: number): void {
    this.stars.push({ stmt, module, level });
  }

  /** Every binding of `name`, in order. */
  all(name: string): readonly Binding[] {
    return this.bindings.get(name) ?? [];
  }

  /** The binding in force just before statement `before` (Infinity: after the whole module). */
  bindingAt(name: string, before: number): Binding | null {
    const list = this.bindings.get(name);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].stmt < before) return list[i];
    return null;
  }

  hasStarImports(): boolean {
    return this.stars.length > 0;
  }

  /** The value `name` has just before statement `before`. */
  value(name: string, before: number, ev: Evaluation): PyValue {
    const binding = this.bindingAt(name, before);
    if (binding) return this.evaluateBinding(name, binding, ev);
    for (let i = this.stars.length - 1; i >= 0; i--) {
      const star = this.stars[i];
      if (star.stmt >= before) continue;
      const module = this.absolute(star.module, star.level);
      const found = module === null ? null : ev.attribute(module, name);
      if (found) return found;
    }
    if (name === "__name__" && this.name) return { k: "str", v: this.name };
    return unknown(`name '${name}' is not assigned at module level${this.name ? ` in ${this.name}` : ""} before it is used`);
  }

  evaluateBinding(name: string, binding: Binding, ev: Evaluation): PyValue {
    const known = ev.values.get(binding);
    if (known === "evaluating") return unknown(`'${name}' refers to itself`);
    if (known) return known;
    if (ev.depth > 100) return unknown("the value is nested too deeply to evaluate");
    ev.values.set(binding, "evaluating");
    ev.depth++;
    try {
      const value = this.compute(name, binding, ev);
      ev.values.set(binding, value);
      return value;
    } finally {
      ev.depth--;
    }
  }

  private compute(name: string, binding: Binding, ev: Evaluation): PyValue {
    switch (binding.kind) {
      case "unknown": return unknown(binding.reason);
      case "deleted": return unknown(`'${name}' was deleted on line ${binding.line}`);
      // Existence is checked when an attribute is read: `a` may be a namespace package.
      case "import": return { k: "module", name: binding.module };
      case "from": {
        const module = this.absolute(binding.module, binding.level);
        if (module === null) return unknown(`the relative import on line ${binding.line} has no package to be relative to (Alembic loads revision files outside any package)`);
        return ev.attribute(module, binding.name) ?? ev.noAttribute(module, binding.name);
      }
      case "expr": return this.computeExpression(name, binding, ev);
    }
  }

  private computeExpression(name: string, binding: Extract<Binding, { kind: "expr" }>, ev: Evaluation): PyValue {
    const plain = binding.augment || binding.unpack.length > 0 ? null : plainLiteral(this.text, binding.from, binding.to);
    if (plain) return plain;
    const scope: Scope = {
      lookup: (other) => this.value(other, binding.stmt, ev),
      attribute: (module, attr) => ev.attribute(module, attr) ?? ev.noAttribute(module, attr),
    };
    let value = evaluate(parseExpression(this.text.slice(binding.from, binding.to)), scope);
    if (binding.augment) value = combine(binding.augment, this.value(name, binding.stmt, ev), value);
    for (const { index, count } of binding.unpack) value = unpackItem(value, index, count);
    return value;
  }

  /** `from .x import y` inside package `a.b` means `a.b.x`; null when there is no package. */
  private absolute(module: string, level: number): string | null {
    if (level === 0) return module;
    if (this.name === null) return null;
    const parts = this.name.split(".");
    const keep = parts.length - level + (this.isPackage ? 1 : 0);
    if (keep < 1) return null;
    return [...parts.slice(0, keep), ...(module ? [module] : [])].join(".");
  }
}

function combine(op: string, before: PyValue, after: PyValue): PyValue {
  return evaluate({ t: "bin", op, left: { t: "name", id: "a" }, right: { t: "name", id: "b" } }, {
    lookup: (id) => (id === "a" ? before : after),
    attribute: () => unknown("no attributes"),
  });
}

function unpackItem(value: PyValue, index: number, count: number): PyValue {
  if (value.k === "unknown") return value;
  const items = value.k === "seq" ? value.items : value.k === "str" ? [...value.v].map((c) => ({ k: "str" as const, v: c })) : null;
  if (!items) return unknown("the unpacked value is not a sequence");
  if (items.length !== count) return unknown(`unpacking ${items.length} values into ${count} names`);
  return items[index];
}

/**
 * One load's view of other modules: each module file is read and scanned at most once (per
 * resolver), and every file a revision's values came from is recorded in `reads`.
 */
export class ModuleResolver {
  private readonly modules = new Map<string, { file: ModuleFile; namespace: Namespace } | null>();

  constructor(
    private readonly loader: ModuleLoader | null,
    private readonly scan: (text: string, name: string, isPackage: boolean) => Namespace,
  ) {}

  get(name: string): { file: ModuleFile; namespace: Namespace } | null {
    if (this.modules.has(name)) return this.modules.get(name)!;
    const file = this.loader?.(name) ?? null;
    const loaded = file ? { file, namespace: this.scan(file.text, name, file.isPackage) } : null;
    this.modules.set(name, loaded);
    return loaded;
  }

  get canLoad(): boolean {
    return this.loader !== null;
  }
}

/** The state of evaluating one revision file's variables. */
export class Evaluation {
  depth = 0;
  readonly reads = new Set<string>();
  /** Values per binding, for this evaluation only (what a module can see differs between evaluations). */
  readonly values = new Map<Binding, PyValue | "evaluating">();

  constructor(private readonly resolver: ModuleResolver) {}

  module(name: string): Namespace | null {
    const loaded = this.resolver.get(name);
    if (loaded) this.reads.add(loaded.file.path);
    return loaded?.namespace ?? null;
  }

  /** `module.attr` as Python's import system finds it: a module-level name, else a submodule. */
  attribute(module: string, attr: string): PyValue | null {
    // Static readers, like type checkers, take the runtime branch of `if TYPE_CHECKING:`.
    if (module === "typing" && attr === "TYPE_CHECKING") return { k: "bool", v: false };
    const namespace = this.module(module);
    if (namespace?.bindingAt(attr, Infinity)) return namespace.value(attr, Infinity, this);
    if (this.module(`${module}.${attr}`)) return { k: "module", name: `${module}.${attr}` };
    return null;
  }

  missingModule(module: string): PyValue {
    if (!this.resolver.canLoad) return unknown(`module '${module}' is not read (no import paths were given)`);
    return unknown(`module '${module}' was not found on the paths Alembic would put on sys.path`);
  }

  noAttribute(module: string, attr: string): PyValue {
    const namespace = this.module(module);
    if (!namespace) return this.missingModule(module);
    return unknown(`module '${module}' does not assign '${attr}' at module level`);
  }
}
