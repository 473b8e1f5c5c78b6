import type { Metadata } from "next";
import Image from "next/image";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/server/auth/next-path";
import { getSession } from "@/lib/server/auth/session";
import { metaAvailable } from "@/lib/server/meta/pool";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  link: "That sign-in link is invalid, has expired or was already used. Ask for a new one, or sign in with your password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  if (await getSession()) redirect(next);
  const notice = !(await metaAvailable())
    ? "Sign-in is unavailable right now: Retort cannot reach its own database. Try again shortly, or ask an administrator."
    : typeof params.error === "string" ? NOTICES[params.error] : undefined;
  return (
    <main className="flex min-h-[calc(100vh-3.5rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <Image src="/logo.svg" alt="" width={40} height={40} priority />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to Retort</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Schema versions across every environment.</p>
        </div>
        {notice && (
          <div role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200" data-testid="login-notice">
            {notice}
          </div>
        )}
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <LoginForm action={signIn} next={next === "/" ? undefined : next} />
        </div>
        <p className="mt-6 text-center text-xs leading-5 text-zinc-500">
          Accounts are created on the server with{" "}
          <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[11px] dark:bg-zinc-800">retort user add</code>.
        </p>
      </div>
    </main>
  );
}
