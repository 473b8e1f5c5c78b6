import { describe, expect, it } from "vitest";
import { ACTIONS, can, type Action, type Role } from "./roles";

const MATRIX: Record<Role, Action[]> = {
  viewer: ["view", "audit"],
  operator: ["view", "audit", "upgrade", "rehearse"],
  admin: ["view", "audit", "upgrade", "rehearse", "downgrade", "stamp", "merge", "approve"],
};

describe("roles", () => {
  for (const [role, allowed] of Object.entries(MATRIX) as [Role, Action[]][]) {
    for (const action of ACTIONS) {
      const expected = allowed.includes(action);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(expected);
      });
    }
  }

  it("an unknown role may do nothing", () => {
    expect(can("root" as Role, "view")).toBe(false);
  });
});
