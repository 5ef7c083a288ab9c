// GET /login/sso/:id — straight to one of the school's providers (for /login?provider=<id>, and
// links from a school portal); refused unless the provider is enabled at this host's school.
import { NextResponse, type NextRequest } from "next/server";
import { signIn } from "@/lib/identity/auth";
import { enabledSsoProvider } from "@/lib/identity/sso";
import { getDomainRootAccountIdForRequest } from "../../school";
import { safeNext } from "../../next-path";

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const provider = await enabledSsoProvider(await getDomainRootAccountIdForRequest(), Number(id));
  if (!provider) return NextResponse.redirect(new URL("/login/refused?reason=disabled", req.url));
  return signIn(provider.authId, { redirectTo: safeNext(req.nextUrl.searchParams.get("next")) });
}
