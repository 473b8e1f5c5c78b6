import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { cookies } from "next/headers";
import { Suspense } from "react";
import { PendingApprovalsBadge } from "./approvals/pending-badge";
import { SiteHeader } from "@/components/shell/site-header";
import { parseTheme, THEME_COOKIE } from "@/components/shell/theme";
import { getSession } from "@/lib/server/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Retort", template: "%s · Retort" },
  description: "Schema versions across every environment, compatible with Alembic.",
  icons: { icon: "/logo.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [user, jar] = await Promise.all([getSession(), cookies()]);
  const theme = parseTheme(jar.get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-zinc-900">
          Skip to content
        </a>
        <SiteHeader
          user={user && { name: user.name, role: user.role }}
          theme={theme}
          approvalsBadge={user ? <Suspense fallback={null}><PendingApprovalsBadge /></Suspense> : null}
        />
        {children}
      </body>
    </html>
  );
}
