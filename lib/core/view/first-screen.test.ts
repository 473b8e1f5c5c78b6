import { describe, expect, it } from "vitest";
import { boundsOf, FIRST_SCREEN_HALF_HEIGHT, firstScreen } from "./first-screen";
import { LANE_WIDTH, NODE_HEIGHT, NODE_WIDTH, ROW_HEIGHT, type GraphLayout, type LayoutEdge, type LayoutNode } from "./layout";

// 100 rows down lane 0 (each row's parent the next), plus a long edge in lane 1 from the top row
// to the bottom one: the shape of a history whose side line runs past the whole first screen.
function column(rows: number): GraphLayout {
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  for (let row = 0; row < rows; row++) {
    nodes.push({ id: `r${row}`, kind: "revision", revision: `r${row}`, lane: 0, row, x: 0, y: row * ROW_HEIGHT });
    if (row > 0) edges.push({ id: `d:r${row - 1}>r${row}`, source: `r${row - 1}`, target: `r${row}`, kind: "down" });
  }
  nodes.push({ id: "side", kind: "revision", revision: "side", lane: 1, row: 0, x: LANE_WIDTH, y: 0 });
  edges.push({ id: "p:side>r99", source: "side", target: `r${rows - 1}`, kind: "depends" });
  return { nodes, edges, lanes: 2, rows: nodes.length, nodeOf: new Map(nodes.map((n) => [n.id, n.id])) };
}

describe("firstScreen", () => {
  const layout = column(100);

  it("centres on the fitted rows and keeps the nodes a large screen can show", () => {
    const screen = firstScreen(layout, layout.nodes.slice(0, 6))!;
    expect(screen.bounds).toEqual({ x: 0, y: 0, width: NODE_WIDTH, height: 5 * ROW_HEIGHT + NODE_HEIGHT });
    const bottom = screen.bounds.height / 2 + FIRST_SCREEN_HALF_HEIGHT;
    const expected = layout.nodes.filter((n) => n.y <= bottom).map((n) => n.id);
    expect(screen.nodes.map((n) => n.id)).toEqual(expected);
    expect(expected).toContain("r11");
    expect(expected).not.toContain("r12");
  });

  it("draws edges from a child's bottom handle to its parent's top handle, long ones included", () => {
    const screen = firstScreen(layout, layout.nodes.slice(0, 6))!;
    const first = screen.edges.find((e) => e.edge.id === "d:r0>r1")!;
    expect(first).toMatchObject({ sx: NODE_WIDTH / 2, sy: NODE_HEIGHT + 3, tx: NODE_WIDTH / 2, ty: ROW_HEIGHT - 3 });
    const ids = screen.edges.map((e) => e.edge.id);
    expect(ids).toContain("p:side>r99");
    expect(ids).toContain("d:r10>r11");
    expect(ids).not.toContain("d:r12>r13");
    // The SVG's box covers every end point drawn, the long edge's far end included.
    const last = screen.edges.find((e) => e.edge.id === "p:side>r99")!;
    expect(screen.edgeBox).toEqual({ x: NODE_WIDTH / 2, y: NODE_HEIGHT + 3, width: LANE_WIDTH, height: last.ty - (NODE_HEIGHT + 3) });
  });

  it("keeps an edge that crosses the window with both ends outside it", () => {
    const middle = layout.nodes.find((n) => n.id === "r50")!;
    const screen = firstScreen(layout, [middle])!;
    expect(screen.nodes.map((n) => n.id)).not.toContain("side");
    expect(screen.nodes.map((n) => n.id)).not.toContain("r99");
    expect(screen.edges.map((e) => e.edge.id)).toContain("p:side>r99");
  });

  it("has no first screen without nodes to fit", () => {
    expect(firstScreen(layout, [])).toBeNull();
    expect(boundsOf([])).toBeNull();
  });
});
