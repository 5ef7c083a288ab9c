import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { listRequestQueue } from "@/lib/courses";
import { pageRequest } from "@/lib/platform/pagination";
import { ObserverRequests } from "@/components/courses/observer-requests";
import { formatDateTime } from "@/components/format";
import { Page } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { or404 } from "../../page-helpers";
import { viewerTimeZone } from "../../time-zone";
import { approveRequestAction, declineRequestAction } from "../../courses/[id]/people/actions";

export const metadata: Metadata = { title: "Observer requests" };

const PER_PAGE = 20;

// The Admin area's queue of observers' requests to observe a student in another course. The same
// requests also wait on the People page of each course they could be granted in.
export default async function ObserverRequestsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const actor = await requireActor();
  const page = pageRequest({ page: (await searchParams).page, per_page: PER_PAGE });
  const [{ rows, total }, timeZone] = await Promise.all([
    or404(listRequestQueue(actor, { page })),
    viewerTimeZone(),
  ]);
  return (
    <Page
      title="Observer requests"
      lead="Observers who see a student in some courses and ask to see them in another. Approving adds them to the course you choose, in that course only; declining tells them so."
    >
      <ObserverRequests
        requests={rows.map((r) => ({ ...r, asked: formatDateTime(r.createdAt, timeZone) }))}
        approve={approveRequestAction}
        decline={declineRequestAction}
      />
      <Pagination
        label="Observer requests pages"
        page={page}
        total={total}
        href={(p) => `/admin/observer-requests?page=${p}`}
      />
    </Page>
  );
}
