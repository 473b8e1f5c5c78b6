import { Chip } from "@/components/ui/chip";

const roles = [
  { chip: <Chip tone="blue">head</Chip>, text: "versioned and real head: nothing builds on it" },
  { chip: <Chip tone="blue">effective head</Chip>, text: "a head only other revisions depend on (not a real head)" },
  { chip: <Chip tone="indigo">merge</Chip>, text: "merge point: several parents" },
  { chip: <Chip tone="purple">branch point</Chip>, text: "several children" },
  { chip: <Chip tone="teal">base</Chip>, text: "no down_revision" },
  { chip: <Chip tone="red">problem</Chip>, text: "named by a load-time problem above" },
];

export function GraphLegend() {
  return (
    <div
      data-testid="graph-legend"
      className="flex flex-wrap items-center gap-x-5 gap-y-2 rounded-xl border border-zinc-200 bg-white px-4 py-3 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
    >
      {roles.map((role, i) => (
        <span key={i} className="flex items-center gap-1.5">
          {role.chip}
          {role.text}
        </span>
      ))}
      <span className="flex items-center gap-1.5">
        <svg width="28" height="8" aria-hidden>
          <line x1="0" y1="4" x2="28" y2="4" stroke="currentColor" strokeWidth="1.75" />
        </svg>
        down_revision
      </span>
      <span className="flex items-center gap-1.5">
        <svg width="28" height="8" aria-hidden>
          <line x1="0" y1="4" x2="28" y2="4" stroke="currentColor" strokeWidth="1.5" strokeDasharray="5 4" />
        </svg>
        depends_on
      </span>
      <span className="flex items-center gap-1.5">
        <span className="size-3 rounded-sm border border-emerald-400 bg-emerald-50 dark:bg-emerald-500/20" /> applied
      </span>
      <span className="flex items-center gap-1.5">
        <span className="flex size-4 items-center justify-center rounded-full bg-amber-500 text-[9px] font-semibold text-white">1</span>
        pending, in upgrade order
      </span>
      <span className="flex items-center gap-1.5">
        <span className="size-3 rounded-sm ring-2 ring-emerald-500" /> environment&apos;s version row
      </span>
    </div>
  );
}
