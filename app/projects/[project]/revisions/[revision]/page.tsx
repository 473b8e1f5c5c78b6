import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { revisionRoles } from "@/components/graph/revision-kind";
import { RevisionFacts } from "@/components/revision/revision-facts";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { SourceViewer } from "@/components/source/source-viewer";
import { Chip } from "@/components/ui/chip";
import { getRevisionDetail } from "@/lib/server/projects";
import { pageGate } from "../../../../config-error";

type Props = { params: Promise<{ project: string; revision: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { project, revision } = await params;
  return { title: `${revision.slice(0, 12)} · ${project}` };
}

export default async function RevisionPage({ params }: Props) {
  const { project, revision } = await params;
  const gate = await pageGate({ path: `/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision)}` });
  if (gate) return gate;
  const detail = await getRevisionDetail({ project, revision });
  if (!detail) notFound();

  const { node } = detail;
  const graphHref = `/projects/${encodeURIComponent(project)}?q=${encodeURIComponent(node.revision)}`;
  // Alembic's template repeats the id, parent and date in the docstring; the facts card has them.
  const longDoc = detail.longDoc
    .split("\n")
    .slice(1)
    .filter((line) => !/^(Revision ID|Revises|Create Date):/.test(line.trim()))
    .join("\n")
    .trim();
  return (
    <PageContainer>
      <PageHeader
        eyebrow={
          <Breadcrumbs
            items={[
              { label: "Projects", href: "/" },
              { label: project, href: `/projects/${encodeURIComponent(project)}` },
              { label: node.revision.slice(0, 12) },
            ]}
          />
        }
        title={<span data-testid="revision-message">{node.message || "No message"}</span>}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            {revisionRoles(node).map((role) => (
              <Chip key={role.key} tone={role.tone}>
                {role.label}
              </Chip>
            ))}
            <code className="font-mono text-xs">{node.revision}</code>
          </span>
        }
      >
        <Link
          href={graphHref}
          className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          Show in graph
        </Link>
      </PageHeader>
      {longDoc && <p className="max-w-3xl whitespace-pre-line text-sm text-zinc-600 dark:text-zinc-400">{longDoc}</p>}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div>
          <RevisionFacts detail={detail} />
        </div>
        <SourceViewer source={detail.source} language={detail.sourceLanguage} title={node.path} />
      </div>
    </PageContainer>
  );
}
