// The User Observees and Observer Pairing Codes APIs (Canvas's contract, with its bugs fixed).
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import {
  booleanParam,
  challengeParam,
  listParam,
  noParams,
  paginationParams,
  rootAccountIdParam,
  userJsonSchema,
} from "../schemas/common.ts";
import { pairingCodeJsonSchema } from "../schemas/responses.ts";

const tag = "User Observees";
const include = listParam("`avatar_url` adds each user's avatar_url.");
const listParams = z.object({ include, ...paginationParams });
const rootAccount = z.object({ root_account_id: rootAccountIdParam });

export const listObserveesEndpoint = endpoint({
  method: "get",
  path: "/users/{user_id}/observees",
  operationId: "listObservees",
  tag,
  list: true,
  summary: "List observees",
  description:
    "The students a user observes, sorted by sortable name then id. The user themself, or an admin of a root account they belong to (who sees only links in accounts they manage).",
  params: listParams,
  response: userJsonSchema,
});

export const listObserversEndpoint = endpoint({
  method: "get",
  path: "/users/{user_id}/observers",
  operationId: "listObservers",
  tag,
  list: true,
  summary: "List observers",
  description: "The observers of a student: the student themself, or an admin of a shared root account.",
  params: listParams,
  response: userJsonSchema,
});

export const addObserveeEndpoint = endpoint({
  method: "post",
  path: "/users/{user_id}/observees",
  operationId: "addObservee",
  tag,
  summary: "Add an observee (pairing code, access token or credentials)",
  description:
    "Links the user to a student, given one of, in Canvas's order of precedence: the student's `access_token` (in the body, or in the query string when you authenticate with the Authorization header); the student's `pairing_code` (an `observee[unique_id]` sent along with it is ignored, as Canvas does); or `observee[unique_id]` + `observee[password]`. " +
    "Deviations from Canvas: no parameters → 400 (Canvas: 500); redeeming your own code, or a code whose student shares no root account with the observer → 422 and the code stays usable; the code is consumed only once the link exists. " +
    "A code links only in the school it was made for (`root_account_id` absent or `all` → that school; another id → 422), and cannot be redeemed by the user who made it or by the student's staff (admins, and teachers where they may make codes). " +
    "Credentials: an unknown login, a wrong password, or a login that is not a current student in a school shared with the observer all get one answer, 422 `Invalid credentials provided.` (Canvas: 422 `Unknown observee.` or 401, which tells logins and passwords apart), and each attempt counts against that login's sign-in limit. " +
    "Failed attempts are throttled: past a guesser's limit, 429 with Retry-After; while the school has had too many wrong codes, 429 with a `challenge` to solve and send back as `challenge` (see that parameter) — a right code then still links.",
  params: z.object({
    pairing_code: z
      .string()
      .trim()
      .min(1, "must not be blank")
      .max(64)
      .optional()
      .meta({ description: "The student's pairing code." }),
    access_token: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "The student's API access token." }),
    observee: z
      .object({
        unique_id: z
          .string()
          .trim()
          .min(1, "is required")
          .max(254)
          .meta({ description: "The student's login." }),
        // Optional here: with a pairing_code (the usual automation sends both) the code decides.
        password: z.string().min(1, "is required").max(1024).optional().meta({
          description: "The student's password (needed when no pairing_code or access_token is sent).",
        }),
      })
      .optional(),
    root_account_id: rootAccountIdParam,
    challenge: challengeParam,
  }),
  response: userJsonSchema,
});

export const getObserveeEndpoint = endpoint({
  method: "get",
  path: "/users/{user_id}/observees/{observee_id}",
  operationId: "getObservee",
  tag,
  summary: "Show an observee",
  description: "404 when there is no active link.",
  params: noParams,
  response: userJsonSchema,
});

export const getObserverEndpoint = endpoint({
  method: "get",
  path: "/users/{user_id}/observers/{observer_id}",
  operationId: "getObserver",
  tag,
  summary: "Show an observer",
  description: "404 when there is no active link.",
  params: noParams,
  response: userJsonSchema,
});

export const linkObserveeEndpoint = endpoint({
  method: "put",
  path: "/users/{user_id}/observees/{observee_id}",
  operationId: "linkObservee",
  tag,
  summary: "Add an observee by id (admins)",
  description:
    "Admins with manage_user_observers only (the observer acting alone gets 401). Idempotent. `root_account_id` as for POST, limited to accounts the admin manages. " +
    "Not in Canvas: when the observer (`user_id`) is enrolled as a student anywhere, the link is refused with 422 (`errors.confirm_student_observer`) unless `confirm_student_observer=true` is sent — swapped ids would otherwise let a student observe another student.",
  params: rootAccount.extend({
    confirm_student_observer: booleanParam(
      "Link even though the observer is enrolled as a student somewhere (otherwise 422).",
    ),
  }),
  response: userJsonSchema,
});

export const removeObserveeEndpoint = endpoint({
  method: "delete",
  path: "/users/{user_id}/observees/{observee_id}",
  operationId: "removeObservee",
  tag,
  summary: "Remove an observee",
  description:
    "The observer, or an admin (only in accounts they manage). Honours `root_account_id` (Canvas ignores it). Returns the removed student; the observer's enrollments for that student are removed.",
  params: rootAccount,
  response: userJsonSchema,
});

export const removeObserverEndpoint = endpoint({
  method: "delete",
  path: "/users/{user_id}/observers/{observer_id}",
  operationId: "removeObserver",
  tag,
  summary: "Remove an observer (the student, when the school allows it)",
  description:
    "Not in Canvas: a student removes someone observing them, when the account's setting allows students to. Returns the removed observer.",
  params: noParams,
  response: userJsonSchema,
});

export const createPairingCodeEndpoint = endpoint({
  method: "post",
  path: "/users/{user_id}/observer_pairing_codes",
  operationId: "createObserverPairingCode",
  tag: "Observer Pairing Codes",
  summary: "Create an observer pairing code",
  description:
    "For the student themself (with an active student enrollment), an admin, or a teacher of the student's course when the account lets teachers generate codes. Refused when the account's self-registration is off (Canvas only hides the button), and for a user the caller reaches only through an enrollment the caller made in the last 24 hours (root admins excepted). At most 5 codes are active per student: as Canvas's apps cannot choose which to give up, the API revokes the student's oldest active code to make the sixth (the audit log records which), while this app's own pages refuse at the cap and let the student choose.",
  params: noParams,
  response: pairingCodeJsonSchema,
});
