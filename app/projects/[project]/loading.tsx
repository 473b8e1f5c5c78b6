import { PageContainer } from "@/components/shell/page-container";
import { GraphSkeleton, LineSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageContainer wide>
      <div className="space-y-2">
        <LineSkeleton className="w-32" />
        <LineSkeleton className="h-7 w-48" />
      </div>
      <GraphSkeleton />
    </PageContainer>
  );
}
