import Image from "next/image";
import Link from "next/link";
import { UserMenu } from "@/components/auth/UserMenu";

export function SiteHeader({ user }: { user?: { name: string; role: string } | null }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4 sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight" data-testid="home-link">
          <Image src="/logo.svg" alt="" width={24} height={24} priority />
          <span>Retort</span>
        </Link>
        <nav className="flex items-center gap-4 text-sm text-zinc-600 dark:text-zinc-400">
          <Link href="/" className="hover:text-zinc-900 dark:hover:text-zinc-100">
            Overview
          </Link>
          <Link href="/approvals" className="hover:text-zinc-900 dark:hover:text-zinc-100">
            Approvals
          </Link>
          <Link href="/audit" className="hover:text-zinc-900 dark:hover:text-zinc-100">
            Audit log
          </Link>
        </nav>
        <div className="ml-auto">{user && <UserMenu name={user.name} role={user.role} />}</div>
      </div>
    </header>
  );
}
