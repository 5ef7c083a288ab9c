// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the routes' zod schemas
import { openApiDocument } from "@/lib/api/openapi";
import { servedHostOnly } from "@/lib/api/served-host";

// Built once per process (openApiDocument caches it); the proxy does not see /api/v1 paths.
export const GET = servedHostOnly(async () => Response.json(openApiDocument()));
