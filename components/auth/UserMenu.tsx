import Link from "next/link";

// The signed-in user in the site header: who (a link to their account page), in which role,
// and a way out. Server-rendered; sign-out is a plain form POST, so it works before (and
// without) any JavaScript.

const ROLE_TONES: Record<string, string> = {
  admin: "bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-500/15 dark:text-fuchsia-300",
  operator: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300",
  viewer: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

export function UserMenu({ name, role, signOut = true }: { name: string; role: string; signOut?: boolean }) {
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm sm:gap-3" data-testid="user-menu">
      <Link href="/account" className="flex min-w-0 items-center gap-2 rounded-md px-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" data-testid="account-link">
        <span className="sr-only font-medium sm:not-sr-only sm:max-w-40 sm:truncate" data-testid="user-name">{name}</span>
        <span className={`rounded px-1.5 py-px text-[11px] font-medium leading-4 ${ROLE_TONES[role] ?? ROLE_TONES.viewer}`} data-testid="user-role">
          {role}
        </span>
      </Link>
      {signOut && (
        <form method="post" action="/logout">
          <button type="submit" className="whitespace-nowrap rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100" data-testid="sign-out">
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
