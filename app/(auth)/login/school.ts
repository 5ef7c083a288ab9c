import "server-only";
import { headers } from "next/headers";
import { getDomainRootAccountId } from "@/lib/accounts/accounts";

export async function getDomainRootAccountIdForRequest(): Promise<number> {
  return getDomainRootAccountId((await headers()).get("host"));
}
