import type { Metadata } from "next";
import { Suspense } from "react";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { LineSkeleton } from "@/components/ui/skeletons";
import { listAuditEntries, type AuditFilters } from "@/lib/server/audit-query";
import { requirePageUser } from "@/lib/server/auth/page-guard";
import { loadConfig, type EnvironmentConfig } from "@/lib/server/config";
import { configErrorPage } from "../config-error";
import { AuditFilterForm } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { AuthEventsSection } from "./auth-events";
import { auditFiltersFrom, queryString, type SearchParams } from "./search-params";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_LIMIT = 200;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const { filters, errors } = auditFiltersFrom(params);
  const auth = await requirePageUser({ action: "audit", path: `/audit${queryString(filters)}` });
  if (!auth.ok) return <Refused message={auth.message} />;
  const configError = configErrorPage();
  const config = loadConfig();
  if (configError || !config.ok) return configError;
  const environments = config.config.environments;
  return (
    <PageContainer wide>
      <PageHeader title="Audit log" description="Every run (upgrade, downgrade, stamp, rehearsal, refused attempt) with its steps, and every merge, newest first. Times are UTC.">
        <a href={`/api/audit${queryString(filters, { format: "csv" })}`} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800" data-testid="audit-export-csv">
          Export CSV
        </a>
        <a href={`/api/audit${queryString(filters, { format: "json" })}`} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800" data-testid="audit-export-json">
          Export JSON
        </a>
      </PageHeader>
      <AuditFilterForm filters={filters} environments={environments.map((e) => e.name)} />
      {errors.length > 0 && (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          Some filters were ignored: {errors.join("; ")}
        </div>
      )}
      <Card>
        <Suspense key={JSON.stringify(filters)} fallback={<TableSkeleton />}>
          <AuditResults environments={environments} filters={filters} />
        </Suspense>
      </Card>
      <Suspense fallback={<TableSkeleton />}>
        <AuthEventsSection />
      </Suspense>
    </PageContainer>
  );
}

async function AuditResults({ environments, filters }: { environments: EnvironmentConfig[]; filters: AuditFilters }) {
  const { entries, notes } = await listAuditEntries({ environments, filters, limit: PAGE_LIMIT });
  return (
    <>
      {notes.length > 0 && (
        <ul className="space-y-1 border-b border-zinc-200 px-4 py-3 text-sm text-amber-800 dark:border-zinc-800 dark:text-amber-300" data-testid="audit-notes">
          {notes.map((note) => (
            <li key={note.environment}>
              <span className="font-medium">{note.environment}</span>: {note.message}
            </li>
          ))}
        </ul>
      )}
      <AuditTable entries={entries} />
      {entries.length === PAGE_LIMIT && (
        <p className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          Showing the newest {PAGE_LIMIT}. Narrow the filters, or export for more.
        </p>
      )}
    </>
  );
}

function TableSkeleton() {
  return (
    <div className="space-y-3 p-4">
      {Array.from({ length: 6 }, (_, i) => (
        <LineSkeleton key={i} className="w-full" />
      ))}
    </div>
  );
}

function Refused({ message }: { message: string }) {
  return (
    <PageContainer>
      <PageHeader title="Audit log" />
      <Card className="p-6 text-sm" data-testid="forbidden">{message}</Card>
    </PageContainer>
  );
}
