import "server-only";
import { z } from "zod";

// What a user name may be: also what a trusted proxy may name, so no header value can smuggle
// a path, a quote or a control character into a log line or a query.
export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;
export const userNameSchema = z.string().regex(USER_NAME_PATTERN, "Use letters, digits, and . _ @ + - (at most 128 characters).");
