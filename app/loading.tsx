import { PageContainer } from "@/components/shell/page-container";
import { CardGridSkeleton, LineSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageContainer>
      <div className="space-y-2">
        <LineSkeleton className="h-7 w-48" />
        <LineSkeleton className="w-96 max-w-full" />
      </div>
      <CardGridSkeleton />
    </PageContainer>
  );
}
