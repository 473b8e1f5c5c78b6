import Image from "next/image";
import Link from "next/link";
import { UserMenu } from "@/components/auth/UserMenu";
import type { Theme } from "./theme";
import { ThemeToggle } from "./theme-toggle";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/approvals", label: "Approvals" },
  { href: "/audit", label: "Audit log" },
];

/** Logo, navigation, theme and the signed-in user. Below `sm` the navigation wraps to a second row. */
export function SiteHeader({ user, theme, approvalsBadge }: { user?: { name: string; role: string } | null; theme: Theme; approvalsBadge?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90" data-testid="site-header">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:h-14 sm:flex-nowrap sm:py-0 sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight" data-testid="home-link">
          <Image src="/logo.svg" alt="" width={24} height={24} priority />
          <span>Retort</span>
        </Link>
        <nav aria-label="Main" className="order-last -mx-1 flex w-full items-center gap-1 text-sm text-zinc-600 sm:order-none sm:mx-0 sm:w-auto sm:gap-4 dark:text-zinc-400">
          {LINKS.map((link) => (
            <Link key={link.href} href={link.href} className="inline-flex items-center rounded px-1 py-1 hover:text-zinc-900 dark:hover:text-zinc-100">
              {link.label}
              {link.href === "/approvals" && approvalsBadge}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          <ThemeToggle initial={theme} />
          {user && <UserMenu name={user.name} role={user.role} />}
        </div>
      </div>
    </header>
  );
}
