import { Card, SectionTitle } from "@/components/ui/card";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { type AuthEventView, listAuthEvents } from "@/lib/server/auth/auth-events";

// The audit page's sign-in section: the newest entries of Retort's auth log (sign-ins, failed
// and throttled attempts, lockouts, sign-outs, account changes), from the metadata database.

const LIMIT = 50;
const TONES: Partial<Record<AuthEventView["kind"], ChipTone>> = {
  "sign-in": "teal", "sign-in-failed": "red", "locked-out": "red", "sign-in-throttled": "amber", "sign-out": "neutral", "sign-out-everywhere": "neutral",
};

export async function AuthEventsSection() {
  let events: AuthEventView[];
  try {
    events = await listAuthEvents({ limit: LIMIT });
  } catch {
    return <AuthEventsCard><p className="px-4 py-6 text-sm text-amber-800 dark:text-amber-300" data-testid="auth-events-unavailable">The sign-in log cannot be read: Retort&apos;s metadata database is unavailable.</p></AuthEventsCard>;
  }
  const failures = events.filter((e) => e.kind === "sign-in-failed" || e.kind === "locked-out" || e.kind === "sign-in-throttled").length;
  return (
    <AuthEventsCard aside={failures > 0 ? `${failures} failed or refused of the newest ${events.length}` : undefined}>
      {events.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="auth-events-empty">No sign-in activity yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="auth-events">
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>{["When (UTC)", "Event", "Account", "Address", "Detail"].map((h) => <th key={h} scope="col" className="whitespace-nowrap px-4 py-2.5 font-medium">{h}</th>)}</tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {events.map((e) => (
                <tr key={e.id} data-testid="auth-event" data-kind={e.kind}>
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-zinc-600 dark:text-zinc-400">{e.at.replace("T", " ").replace(/\.\d+Z$/, "Z")}</td>
                  <td className="px-4 py-2"><Chip tone={TONES[e.kind] ?? "neutral"}>{e.kind}</Chip></td>
                  <td className="px-4 py-2">{e.user ?? "—"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{e.address ?? "—"}</td>
                  <td className="px-4 py-2 text-xs text-zinc-600 dark:text-zinc-400">{e.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AuthEventsCard>
  );
}

function AuthEventsCard({ children, aside }: { children: React.ReactNode; aside?: string }) {
  return (
    <section data-testid="auth-log">
      <SectionTitle aside={aside}>Sign-ins</SectionTitle>
      <Card>{children}</Card>
    </section>
  );
}
