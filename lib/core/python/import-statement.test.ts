import { describe, expect, it } from "vitest";
import { scanModule } from "../read/scan-python-module";

const bound = (source: string, name: string) => scanModule(source).namespace.all(name).map(({ stmt: _, ...binding }) => binding);

describe("import statements bind what Python binds", () => {
  it.each([
    ["import a.b.c", "a", { kind: "import", line: 1, module: "a" }],
    ["import a.b as c", "c", { kind: "import", line: 1, module: "a.b" }],
    ["import a, b as bb", "a", { kind: "import", line: 1, module: "a" }],
    ["import a, b as bb", "bb", { kind: "import", line: 1, module: "b" }],
    ["from x.y import z as w, v", "w", { kind: "from", line: 1, module: "x.y", level: 0, name: "z" }],
    ["from x.y import z as w, v", "v", { kind: "from", line: 1, module: "x.y", level: 0, name: "v" }],
    ["from . import m", "m", { kind: "from", line: 1, module: "", level: 1, name: "m" }],
    ["from ..pkg import (a,\n    b,)", "b", { kind: "from", line: 2, module: "pkg", level: 2, name: "b" }],
    ["x = 1; import os.path as p", "p", { kind: "import", line: 1, module: "os.path" }],
  ])("%j binds %s", (source, name, binding) => expect(bound(source, name)).toEqual([binding]));

  it("binds nothing for the alias-less `as` or the name after `as` under its own name", () => {
    expect(bound("import a as b", "a")).toEqual([]);
    expect(bound("from m import b as c", "b")).toEqual([]);
  });

  it("records `from m import *` as a star import, not as a name", () => {
    const { namespace } = scanModule("from m import *\nfrom n import (a)\n");
    expect(namespace.hasStarImports()).toBe(true);
    expect(namespace.all("*")).toEqual([]);
    expect(bound("from n import (a)", "a")).toMatchObject([{ kind: "from", module: "n", name: "a" }]);
    expect(scanModule("from n import a, *").namespace.hasStarImports()).toBe(false);
  });
});
