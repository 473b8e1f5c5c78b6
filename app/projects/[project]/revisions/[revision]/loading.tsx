import { PageContainer } from "@/components/shell/page-container";
import { LineSkeleton, PanelSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageContainer>
      <div className="space-y-2">
        <LineSkeleton className="w-48" />
        <LineSkeleton className="h-7 w-80 max-w-full" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
        <PanelSkeleton lines={7} />
        <PanelSkeleton lines={14} />
      </div>
    </PageContainer>
  );
}
