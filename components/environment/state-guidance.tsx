import Link from "next/link";
import type { EnvironmentView } from "@/lib/core/view/view-types";
import { RevId } from "@/components/ui/rev-id";
import type { RowOrigin } from "./guidance";

const BOX = "rounded-xl border px-4 py-3 text-sm";
const TONES = {
  rose: `${BOX} border-rose-300 bg-rose-50 text-rose-950 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-100`,
  violet: `${BOX} border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-500/40 dark:bg-violet-500/10 dark:text-violet-100`,
  orange: `${BOX} border-orange-300 bg-orange-50 text-orange-950 dark:border-orange-500/40 dark:bg-orange-500/10 dark:text-orange-100`,
};

/** What to do when the environment is in a state Alembic refuses or an upgrade would break. */
export async function StateGuidance({ env, origin }: { env: EnvironmentView; origin: Promise<RowOrigin | null> }) {
  if (env.status === "unknown-revision") return <UnknownRevision env={env} origin={await origin} />;
  if (env.status === "unversioned") {
    return (
      <section className={TONES.violet} data-testid="guidance" data-state="unversioned" aria-labelledby="guidance-title">
        <h2 id="guidance-title" className="font-semibold">Tables exist, but there is no version table</h2>
        <p className="mt-1">
          Something created {env.name}&apos;s schema without Alembic (for example <code className="font-mono">create_all</code>). An upgrade would start
          from base and its first CREATE TABLE would collide with the tables already there.
        </p>
        <p className="mt-1">
          <strong>Stamp</strong> the revision the schema matches (no SQL runs; only <code className="font-mono">{env.versionTable}</code> is written), then upgrade from there.
        </p>
      </section>
    );
  }
  if (env.status === "overlapping") {
    return (
      <section className={TONES.orange} data-testid="guidance" data-state="overlapping" aria-labelledby="guidance-title">
        <h2 id="guidance-title" className="font-semibold">One version row is an ancestor of another</h2>
        <p className="mt-1">Alembic refuses to upgrade from overlapping rows. Stamp with purge to the rows the database really has (usually the newer one).</p>
      </section>
    );
  }
  return null;
}

function UnknownRevision({ env, origin }: { env: EnvironmentView; origin: RowOrigin | null }) {
  const rows = env.unknownRows;
  const graph = `/projects/${encodeURIComponent(env.project)}`;
  return (
    <section className={TONES.rose} data-testid="guidance" data-state="unknown-revision" aria-labelledby="guidance-title">
      <h2 id="guidance-title" className="font-semibold">
        {env.name} is stamped with {rows.length === 1 ? "a revision" : "revisions"} the directory does not have: {rows.join(", ")}
      </h2>
      <p className="mt-1">Alembic fails every command here (&ldquo;Can&apos;t locate revision identified by &hellip;&rdquo;). Two ways out:</p>
      <ol className="mt-1 list-decimal space-y-1 pl-5">
        <li>If the file was deleted or renamed by mistake, or lives on a branch not checked out, restore it to <Link href={graph} className="font-medium underline">{env.project}</Link>&apos;s directory.</li>
        <li>
          Otherwise <strong>stamp with purge</strong> to a revision the directory has, the one whose changes the database really holds.{" "}
          {origin ? (
            <span data-testid="guidance-origin">
              Retort&apos;s audit log shows {origin.revision.slice(0, 12)} was applied on top of{" "}
              {origin.rowsBefore.length === 0 ? "an empty table" : origin.rowsBefore.map((r) => <RevId key={r} project={env.project} revision={r} />)} by {origin.actor} ({new Date(origin.at).toISOString().slice(0, 16).replace("T", " ")} UTC):
              stamp that, after undoing {origin.revision.slice(0, 12)}&apos;s changes by hand if the revision was dropped on purpose.
            </span>
          ) : (
            <span data-testid="guidance-no-origin">
              Retort&apos;s audit log has no record of how {rows[0]!.slice(0, 12)} got there, so compare the database&apos;s tables with the revision files and pick the newest revision it fully has.
            </span>
          )}
        </li>
      </ol>
    </section>
  );
}
