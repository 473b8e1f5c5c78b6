import type { AuditFilters } from "@/lib/server/audit-query";
import { queryString } from "./search-params";

const ACTIONS = ["upgrade", "downgrade", "stamp", "merge", "rehearse", "approve"];
const RESULTS = ["running", "applied", "failed", "refused", "rehearsed", "interrupted"];

const field = "block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm shadow-xs outline-none focus:border-zinc-900 focus:ring-2 focus:ring-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-950 dark:focus:border-zinc-300";
const label = "mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400";

function Select({ name, title, options, value }: { name: string; title: string; options: string[]; value?: string }) {
  return (
    <div>
      <label htmlFor={`audit-${name}`} className={label}>{title}</label>
      <select id={`audit-${name}`} name={name} defaultValue={value ?? ""} className={field} data-testid={`audit-filter-${name}`}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>{option}</option>
        ))}
      </select>
    </div>
  );
}

const PRESETS = [
  { range: "24h", label: "Last 24 h" },
  { range: "7d", label: "Last 7 days" },
  { range: "30d", label: "Last 30 days" },
] as const;

/** Preset ranges ending now; each keeps the other filters and replaces the dates. */
function RangePresets({ filters }: { filters: AuditFilters }) {
  return (
    <nav aria-label="Time range" className="flex flex-wrap items-center gap-2 text-sm" data-testid="audit-presets">
      {PRESETS.map((preset) => {
        const active = filters.range === preset.range;
        return (
          <a
            key={preset.range}
            href={`/audit${queryString({ ...filters, from: undefined, to: undefined, range: preset.range })}`}
            aria-current={active ? "true" : undefined}
            className={`rounded-full border px-3 py-1 ${active ? "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`}
            data-testid={`audit-range-${preset.range}`}
          >
            {preset.label}
          </a>
        );
      })}
      {filters.range && <a href={`/audit${queryString({ ...filters, range: undefined })}`} className="text-zinc-600 underline-offset-2 hover:underline dark:text-zinc-400">Any time</a>}
    </nav>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilterForm({ filters, environments }: { filters: AuditFilters; environments: string[] }) {
  return (
    <>
    <RangePresets filters={filters} />
    <form method="get" action="/audit" className="grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-7" data-testid="audit-filters">
      <Select name="environment" title="Environment" options={environments} value={filters.environment} />
      <div>
        <label htmlFor="audit-actor" className={label}>Actor</label>
        <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className={field} autoComplete="off" data-testid="audit-filter-actor" />
      </div>
      <Select name="action" title="Action" options={ACTIONS} value={filters.action} />
      <Select name="result" title="Result" options={RESULTS} value={filters.result} />
      <div>
        <label htmlFor="audit-from" className={label}>From</label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={field} />
      </div>
      <div>
        <label htmlFor="audit-to" className={label}>To</label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={field} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-800 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white" data-testid="audit-apply">
          Apply
        </button>
        <a href="/audit" className="rounded-md px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
          Reset
        </a>
      </div>
      {filters.range && <input type="hidden" name="range" value={filters.range} />}
    </form>
    </>
  );
}
