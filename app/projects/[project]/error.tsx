"use client";

import { ErrorView } from "@/components/shell/error-view";

export default function ProjectError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} title="This project could not be shown" />;
}
