"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionPanelView } from "@/app/environments/[env]/actions";
import { Button } from "@/components/actions/dialog";
import { PreviewDialog } from "@/components/actions/preview-dialog";

/**
 * "Stamp at this revision": the environment page's own guarded stamp dialog (preview, typed
 * confirmation or approval, audit), opened with the candidate prefilled. The server checks the
 * role and the protection again whatever this button shows.
 */
export function StampAt({ view, rows, purge }: { view: ActionPanelView | null; rows: string[]; purge: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const stamp = view?.actions.find((a) => a.kind === "stamp");
  if (!view || !stamp?.enabled) {
    const why = !view ? "Sign in to stamp." : stamp?.reason ?? `Your role (${view.user.role}) may not stamp here.`;
    return <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="stamp-at-unavailable">{why}</p>;
  }
  return (
    <>
      <Button tone="primary" data-testid="stamp-at" data-target={rows.join(" ")} onClick={() => setOpen(true)}>
        Stamp at this revision…
      </Button>
      {open && (
        <PreviewDialog
          view={view}
          preset={{ kind: "stamp", target: rows.join(" "), purge }}
          onClose={() => {
            setOpen(false);
            // The stamp changed the version table: compare again.
            router.refresh();
          }}
        />
      )}
    </>
  );
}
