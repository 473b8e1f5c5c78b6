import "server-only";

// The Content-Security-Policy of every page, with a fresh nonce per request: Next.js reads the
// nonce from this header while rendering and puts it on its own scripts and inline styles, so
// no other script can run (an injected <script> has no nonce; 'strict-dynamic' lets only
// nonce-bearing scripts load more). Style attributes stay allowed (style-src-attr): React Flow
// and server-rendered components position things with them, and they cannot run code.

export interface PolicyOptions {
  nonce: string;
  /** `next dev` needs eval for its error overlay; production never does. */
  development?: boolean;
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

// No upgrade-insecure-requests: every resource is same-origin, and HSTS (proxy.ts) already keeps
// an HTTPS site on HTTPS.
export function contentSecurityPolicy({ nonce, development = false }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  return directives.join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

