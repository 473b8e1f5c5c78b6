import type { Protection } from "@/lib/core/view/view-types";
import { Chip } from "./chip";

const labels: Record<Exclude<Protection, "none">, string> = {
  confirm: "confirm to change",
  approval: "needs approval",
  readonly: "read-only",
};

export function ProtectionBadge({ protection }: { protection: Protection }) {
  if (protection === "none") return null;
  return (
    <Chip tone={protection === "readonly" ? "neutral" : "amber"} title={`Protection: ${protection}`}>
      <svg viewBox="0 0 16 16" className="mr-1 size-3" fill="currentColor" aria-hidden>
        <path d="M8 1 2.5 3v4.2c0 3.3 2.3 6.3 5.5 7.3 3.2-1 5.5-4 5.5-7.3V3L8 1Z" />
      </svg>
      {labels[protection]}
    </Chip>
  );
}
