import { describe, expect, it } from "vitest";
import { FORM_CASES } from "../../../test/fixtures/python-forms";
import { createModuleResolver, parsePythonRevision } from "./parse-python";
import type { ModuleLoader } from "../python/namespace";

/** The project's modules as the server's loader finds them: a/b.py, else a/b/__init__.py. */
function loaderFor(modules: Record<string, string>): ModuleLoader {
  return (name) => {
    const base = name.split(".").join("/");
    for (const [path, isPackage] of [[`${base}.py`, false], [`${base}/__init__.py`, true]] as const) {
      if (path in modules) return { path: `/project/${path}`, text: modules[path], isPackage };
    }
    return null;
  };
}

describe("the static reader evaluates what Alembic evaluates at import time", () => {
  it.each(FORM_CASES.map((c) => [c.name, c] as const))("%s", (_name, form) => {
    const modules = createModuleResolver(loaderFor(form.modules ?? {}));
    const { revision, problems, reads } = parsePythonRevision("versions/case.py", `"""case"""\n${form.header}\n`, { modules });
    const unreadable = form.unreadable ?? [];
    const blank = (name: string, value: string[]) => (unreadable.includes(name) ? [] : value);
    expect(revision).toMatchObject({
      revision: form.expected.revision,
      downRevisions: blank("down_revision", form.expected.down),
      branchLabels: blank("branch_labels", form.expected.labels),
      dependsOn: blank("depends_on", form.expected.dependsOn),
    });
    expect(revision?.unreadable).toEqual(unreadable.length > 0 ? unreadable : undefined);
    expect(problems.filter((p) => p.kind === "unreadable-value").map((p) => p.message.split(" of ")[0])).toEqual(unreadable);
    expect(problems.filter((p) => p.kind !== "unreadable-value")).toEqual([]);
    if (form.modules) expect(reads?.length).toBeGreaterThan(0);
  });

  it("reads each imported module once per load and names the files it read", () => {
    let loads = 0;
    const base = loaderFor({ "c/__init__.py": "", "c/k.py": "A = 'x'\n" });
    const modules = createModuleResolver((name) => (loads++, base(name)));
    for (const id of ["r1", "r2", "r3"]) {
      const { revision, reads } = parsePythonRevision(`v/${id}.py`, `from c import k\nrevision = '${id}'\ndown_revision = None\nbranch_labels = k.A + '${id}'\n`, { modules });
      expect(revision?.branchLabels).toEqual([`x${id}`]);
      expect(reads).toEqual(["/project/c/__init__.py", "/project/c/k.py"]);
    }
    expect(loads).toBe(2);
  });

  it("does not read imported modules unless a revision variable needs them", () => {
    const modules = createModuleResolver(() => {
      throw new Error("no module should be read");
    });
    const { revision, reads } = parsePythonRevision("v/x.py", "from neutron.db import migration\nimport sqlalchemy as sa\nrevision = 'r'\ndown_revision = None\n", { modules });
    expect(revision?.revision).toBe("r");
    expect(reads).toBeUndefined();
  });

  it("says where it looked when an imported module is not found, and never claims Alembic fails", () => {
    const modules = createModuleResolver(loaderFor({}));
    const { revision, problems } = parsePythonRevision("v/x.py", "from neutron.db.migration import cli\nrevision = 'r'\ndown_revision = None\nbranch_labels = (cli.EXPAND_BRANCH,)\n", { modules });
    expect(revision).toMatchObject({ revision: "r", branchLabels: [], unreadable: ["branch_labels"] });
    expect(problems).toMatchObject([{ kind: "unreadable-value", severity: "warning", line: 4,
      message: expect.stringMatching(/^branch_labels of r could not be read statically \(v\/x\.py:4\): module 'neutron\.db\.migration' was not found/) }]);
    expect(problems[0].message).not.toMatch(/Alembic fails|KeyError|AttributeError/);
  });
});
