import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { revisionRoles } from "@/components/graph/revision-kind";
import { MissingRevision } from "@/components/revision/missing-revision";
import { RevisionFacts } from "@/components/revision/revision-facts";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { SourceViewer } from "@/components/source/source-viewer";
import { Chip } from "@/components/ui/chip";
import { getEnvironmentViews } from "@/lib/server/environments";
import { getProject, getRevisionDetail } from "@/lib/server/projects";
import { repoFileUrl } from "@/lib/core/view/repo-link";
import { CopyButton } from "@/components/ui/copy-button";
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
  if (!detail) {
    // In a database but not in the directory: worth a page of its own, not a bare 404.
    const naming = (await getEnvironmentViews()).filter((env) => env.project === project && env.unknownRows.includes(revision)).map((env) => env.name);
    if (naming.length === 0) notFound();
    return (
      <PageContainer>
        <MissingRevision project={project} revision={revision} environments={naming} />
      </PageContainer>
    );
  }

  const { node } = detail;
  const config = (await getProject({ name: project }))?.config;
  const repoLink = config?.repoUrl ? repoFileUrl({ repoUrl: config.repoUrl, ref: config.repoRef ?? undefined, path: node.path }) : null;
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
            <code className="font-mono text-xs" data-testid="revision-id">{node.revision}</code>
            <CopyButton text={node.revision} label="Copy the revision id" />
          </span>
        }
      >
        {repoLink && (
          <a
            href={repoLink}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="repo-link"
            className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            View file in repository <span aria-hidden>↗</span>
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        )}
        <Link
          href={graphHref}
          className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          Show in graph
        </Link>
      </PageHeader>
      {longDoc && <p className="max-w-3xl whitespace-pre-line text-sm text-zinc-600 dark:text-zinc-400">{longDoc}</p>}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="min-w-0">
          <RevisionFacts detail={detail} />
        </div>
        <SourceViewer source={detail.source} language={detail.sourceLanguage} title={node.path} />
      </div>
    </PageContainer>
  );
}
