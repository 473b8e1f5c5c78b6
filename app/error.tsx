"use client";

import { ErrorView } from "@/components/shell/error-view";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} title="This page could not be rendered" />;
}
