import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { SiteHeader } from "@/components/shell/site-header";
import { getSession } from "@/lib/server/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Retort", template: "%s · Retort" },
  description: "Schema versions across every environment, compatible with Alembic.",
  icons: { icon: "/logo.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getSession();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <SiteHeader user={user && { name: user.name, role: user.role }} />
        {children}
      </body>
    </html>
  );
}
