// The dashboard benchmarks' summary: each figure beside its target, with the ratio.

export interface Figure {
  name: string;
  value: number;
  unit: "ms" | "fps" | "count";
  /** Upper bound for ms, lower bound for fps; none for plain counts. */
  target?: number;
  note?: string;
}

const grouped = (n: number) => Math.round(n).toLocaleString("en-US");

function format(value: number, unit: Figure["unit"]): string {
  if (unit === "count") return grouped(value);
  if (unit === "fps") return `${value.toFixed(1)} fps`;
  return value < 10 ? `${value.toFixed(2)} ms` : `${grouped(value)} ms`;
}

function verdict(f: Figure): { target: string; ratio: string; mark: string } {
  if (f.target === undefined) return { target: "", ratio: "", mark: "" };
  // The ratio reads the same way for both kinds: below 1 is within target.
  const ratio = f.unit === "fps" ? f.target / Math.max(f.value, 1e-9) : f.value / f.target;
  return {
    target: `(target ${f.unit === "fps" ? "≥ " : "< "}${format(f.target, f.unit)})`,
    ratio: `${ratio.toFixed(2)}× of budget`,
    mark: ratio <= 1 ? "✓" : "✗",
  };
}

export function printFigures(title: string, figures: Figure[]): void {
  if (figures.length === 0) return;
  console.log(`\n${title}`);
  const nameWidth = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const v = verdict(f);
    const line = [f.name.padEnd(nameWidth), format(f.value, f.unit).padStart(11), v.target.padEnd(20), v.ratio.padEnd(17), v.mark]
      .join("  ")
      .trimEnd();
    console.log(f.note ? `${line}  ${f.note}` : line);
  }
}
