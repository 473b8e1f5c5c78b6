import { PageContainer } from "./page-container";

/** A signed-in user without the permission this page needs. */
export function Refused({ message }: { message: string }) {
  return (
    <PageContainer>
      <div className="rounded-xl border border-zinc-200 bg-white p-6 text-sm dark:border-zinc-800 dark:bg-zinc-900" data-testid="forbidden">
        <h1 className="font-semibold">Not allowed</h1>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">{message}</p>
      </div>
    </PageContainer>
  );
}
