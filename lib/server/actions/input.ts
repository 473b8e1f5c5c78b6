import "server-only";
import { z } from "zod";
import type { ActionFailure, ActionRequest } from "./views";

// What the browser may send. Targets are Alembic identifiers (ids, prefixes, labels, `heads`,
// `label@head`, `+N`, `-N`, `base`): letters, digits, `_`, `@`, `+`, `-` only, so quotes,
// spaces, slashes and dots (`a'; drop table`, `../../etc/x`) never reach a plan, a file or SQL.

// A leading "-" only as `-N`: nothing that looks like an option reaches alembic's command line.
export const TARGET_PATTERN = /^(?!-(?!\d+$))[A-Za-z0-9_@+-]{1,128}$/;
const ROW_PATTERN = /^[A-Za-z0-9_]{1,128}$/;
export const LABEL_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
export const MAX_MERGE_MESSAGE = 200;

const targetText = z
  .string()
  .trim()
  .min(1, "Enter a target.")
  .max(128, "A target has at most 128 characters.")
  .regex(TARGET_PATTERN, "Use a revision id, a branch label, heads, head, base, label@head, +N or -N.");

export const envNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, "Unknown environment.");

export const actionRequestSchema = z
  .object({
    kind: z.enum(["upgrade", "downgrade", "stamp", "rehearse"], { error: "Choose upgrade, downgrade, stamp or rehearse." }),
    target: z.string().default(""),
    targets: z.array(z.string()).max(20, "Stamp at most 20 revisions at once.").default([]),
    purge: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "stamp") {
      if (value.targets.length === 0) ctx.addIssue({ code: "custom", path: ["targets"], message: "Name at least one revision to stamp." });
      value.targets.forEach((t, i) => {
        const checked = targetText.safeParse(t);
        if (!checked.success) ctx.addIssue({ code: "custom", path: ["targets"], message: `Revision ${i + 1}: ${checked.error.issues[0]?.message}` });
      });
    } else {
      const checked = targetText.safeParse(value.target);
      if (!checked.success) ctx.addIssue({ code: "custom", path: ["target"], message: checked.error.issues[0]?.message ?? "Invalid target." });
    }
  })
  .transform((value): ActionRequest => ({
    kind: value.kind,
    target: value.kind === "stamp" ? "" : value.target.trim(),
    targets: value.kind === "stamp" ? value.targets.map((t) => t.trim()) : [],
    purge: value.kind === "stamp" ? value.purge : false,
  }));

export const expectedRowsSchema = z
  .array(z.string().regex(ROW_PATTERN, "A version row is a revision id."))
  .max(100, "Too many version rows.");

/** Why an approval is asked for: the approver reads it before deciding. */
export const approvalReasonSchema = z
  .string()
  .trim()
  .min(3, "Say why this is needed (at least 3 characters).")
  .max(500, "Keep the reason to 500 characters.");

export const mergeInputSchema = z.object({
  message: z
    .string()
    .trim()
    .min(1, "Enter a message.")
    .max(MAX_MERGE_MESSAGE, `Keep the message to ${MAX_MERGE_MESSAGE} characters.`)
    // A newline or quote run would end the docstring or header line it is written into.
    .refine((m) => !/[\u0000-\u001f\u007f]/.test(m), "Use a single line of text.")
    .refine((m) => !m.includes('"""') && !m.includes("\\"), 'The message may not contain """ or backslashes.'),
  branchLabel: z
    .string()
    .trim()
    .max(63, "A branch label has at most 63 characters.")
    .regex(LABEL_PATTERN, "A branch label is letters, digits and _, starting with a letter or _.")
    .optional(),
  revisions: z.array(z.string().regex(TARGET_PATTERN, "Revisions are ids, labels or heads.")).min(1).max(20).default(["heads"]),
});
export type MergeInput = z.infer<typeof mergeInputSchema>;

/** A zod failure as the action result the forms show beside their fields. */
export function invalidInput(error: z.ZodError, message = "Check the highlighted fields."): ActionFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = error.issues[0]?.message;
  return { ok: false, code: "invalid:input", message: first ? `${message} ${first}` : message, fieldErrors };
}
