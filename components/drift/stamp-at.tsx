"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useState } from "react";
import type { ActionPanelView } from "@/lib/server/forms/environment-actions";
import { Button } from "@/components/actions/dialog";
import { PreviewDialog } from "@/components/actions/preview-dialog";

// "Stamp at this revision": the environment page's own guarded stamp dialog (preview, typed
// confirmation or approval, audit), opened with the candidate prefilled. The server checks the
// role and the protection again whatever this button shows. The dialog lives in a host above
// the drift report: once the stamp lands the report re-renders without the candidates, and the
// dialog must stay to show the result.

interface Request {
  view: ActionPanelView;
  rows: string[];
  purge: boolean;
}

const OpenStamp = createContext<((request: Request) => void) | null>(null);

export function StampDialogHost({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [request, setRequest] = useState<Request | null>(null);
  return (
    <OpenStamp.Provider value={setRequest}>
      {children}
      {request && (
        <PreviewDialog
          view={request.view}
          preset={{ kind: "stamp", target: request.rows.join(" "), purge: request.purge }}
          onClose={() => {
            setRequest(null);
            // The stamp changed the version table: compare again.
            router.refresh();
          }}
        />
      )}
    </OpenStamp.Provider>
  );
}

export function StampAt({ view, rows, purge, best = false }: { view: ActionPanelView | null; rows: string[]; purge: boolean; best?: boolean }) {
  const open = useContext(OpenStamp);
  const stamp = view?.actions.find((a) => a.kind === "stamp");
  if (!view || !stamp?.enabled || !open) {
    const why = !view ? "Sign in to stamp." : stamp?.reason ?? `Your role (${view.user.role}) may not stamp here.`;
    return <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="stamp-at-unavailable">{why}</p>;
  }
  return (
    <Button tone={best ? "primary" : "neutral"} data-testid="stamp-at" data-target={rows.join(" ")} onClick={() => open({ view, rows, purge })}>
      Stamp at this revision…
    </Button>
  );
}
