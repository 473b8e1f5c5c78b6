import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { SessionList } from "@/components/auth/SessionList";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { Card, SectionTitle } from "@/components/ui/card";
import { accountOverview } from "@/lib/server/auth/account";
import { requirePageUser } from "@/lib/server/auth/page-guard";
import { changePasswordAction, endSessionAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

/** The signed-in user's sessions, "sign out everywhere", and a new password. */
export default async function AccountPage() {
  const auth = await requirePageUser({ path: "/account" });
  if (!auth.ok) return null;
  const overview = await accountOverview();
  return (
    <PageContainer>
      <PageHeader title="Your account" description={<>Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100" data-testid="account-name">{auth.user.name}</span> ({auth.user.role}).</>} />
      {!overview.ok ? (
        <Card className="p-6 text-sm" data-testid="account-unavailable">{overview.message}</Card>
      ) : (
        <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <section>
            <SectionTitle aside={`${overview.data.sessions.length} signed in`}>Sessions</SectionTitle>
            <Card>
              <SessionList sessions={overview.data.sessions} endAction={endSessionAction} />
              <form action={signOutEverywhereAction} className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
                <p className="text-xs text-zinc-500">Lost a laptop, or signed in on a shared machine? End every session, this one too.</p>
                <button type="submit" className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700" data-testid="sign-out-everywhere">Sign out everywhere</button>
              </form>
            </Card>
          </section>
          <section>
            <SectionTitle>Password</SectionTitle>
            <Card className="p-4">
              <ChangePasswordForm action={changePasswordAction} />
            </Card>
          </section>
        </div>
      )}
    </PageContainer>
  );
}
