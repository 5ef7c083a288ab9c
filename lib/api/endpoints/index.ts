// Every REST endpoint's contract, for the OpenAPI document.
import type { Endpoint } from "../endpoint.ts";
import * as accounts from "./accounts.ts";
import * as courses from "./courses.ts";
import * as observees from "./observees.ts";
import * as sisImportChanges from "./sis-import-changes.ts";
import * as sisImports from "./sis-imports.ts";
import * as sisImportUndo from "./sis-import-undo.ts";
import * as users from "./users.ts";

const isEndpoint = (v: unknown): v is Endpoint => typeof v === "object" && v !== null && "operationId" in v;

export const ALL_ENDPOINTS: Endpoint[] = [
  observees,
  accounts,
  users,
  courses,
  sisImports,
  sisImportUndo,
  sisImportChanges,
].flatMap((m) => (Object.values(m) as unknown[]).filter(isEndpoint));
