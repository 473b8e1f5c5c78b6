import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * A revision some database names but the directory does not have: say so, name the
 * environments, and point at the way out (restore the file, or stamp with purge).
 */
export function MissingRevision({ project, revision, environments }: { project: string; revision: string; environments: string[] }) {
  const projectHref = `/projects/${encodeURIComponent(project)}`;
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumbs items={[{ label: "Projects", href: "/" }, { label: project, href: projectHref }, { label: revision.slice(0, 12) }]} />}
        title={<span data-testid="missing-revision-title">Not in the directory</span>}
        description={
          <span className="flex items-center gap-1">
            <code className="font-mono text-xs">{revision}</code>
            <CopyButton text={revision} label="Copy the revision id" />
          </span>
        }
      />
      <section className="max-w-3xl rounded-xl border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-950 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-100" data-testid="missing-revision">
        <p>
          <strong>{revision}</strong> is in the version table of{" "}
          {environments.map((env, i) => (
            <span key={env}>
              {i > 0 && (i === environments.length - 1 ? " and " : ", ")}
              <Link href={`/environments/${encodeURIComponent(env)}`} className="font-medium underline" data-testid="missing-revision-env">{env}</Link>
            </span>
          ))}
          , but {project}&apos;s migration directory has no revision file with that id. Alembic refuses every command on {environments.length === 1 ? "that database" : "those databases"} until this is fixed.
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>If the file was deleted or renamed, or sits on a branch that is not checked out, restore it.</li>
          <li>Otherwise open the environment and <strong>stamp with purge</strong> to the revision whose changes the database really has.</li>
        </ul>
      </section>
    </>
  );
}
