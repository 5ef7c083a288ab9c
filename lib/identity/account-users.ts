import "server-only";
// An institution's users as its admins manage them: search (GET /accounts/:id/users) and
// creation with a login (POST /accounts/:id/users by an admin).
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { requireAccountAdmin } from "../accounts/accounts.ts";
import { accountSubtreeIds } from "../accounts/admin-scope.ts";
import { recordAudit } from "../audit/events.ts";
import { fromPrismaError, paramError } from "../platform/errors.ts";
import { deliverSoon } from "../mail/outbox.ts";
import type { PageRequest } from "../platform/pagination.ts";
import { sendPasswordSetupInTx } from "./password-setup.ts";
import { newPasswordProblem } from "./passwords.ts";
import { createUserWithLogin, emailOf } from "./provisioning.ts";
import { cleanNameOrNull } from "../users/name.ts";
import {
  adminLoginSelect,
  emailForAdmin,
  toUserJson,
  userJsonSelect,
  pageOfUsers,
  userMatchWhere,
  withAdminFields,
  type UserJson,
} from "../users/index.ts";

export const SEARCH_TERM_MIN = 2;

/** An account's admins see their users' login and SIS id in the account's school, never another's. */
const onlyIn = (rootAccountId: number) => ({ visibleIn: [rootAccountId], preferred: rootAccountId });

/**
 * The users of an account, optionally matching `searchTerm` in their name, email, login or SIS id
 * (case-insensitive substring). A root account's users are those with a login in it; a
 * sub-account's are those enrolled in its courses. Sorted by sortable name, then id.
 */
export async function listAccountUsers(
  actor: Actor,
  input: { accountId: number; searchTerm?: string; page: PageRequest; includeEmail?: boolean },
): Promise<{ items: UserJson[]; total: number }> {
  const { account, rootAccountId } = await requireAccountAdmin(actor, input.accountId);
  const term = input.searchTerm?.trim();
  if (term !== undefined && term.length < SEARCH_TERM_MIN) {
    throw paramError("search_term", `must be at least ${SEARCH_TERM_MIN} characters.`);
  }
  const inAccount =
    account.parentId === null
      ? { logins: { some: { rootAccountId, workflowState: "active" as const } } }
      : {
          enrollments: {
            some: {
              workflowState: { not: "deleted" as const },
              course: { accountId: { in: await accountSubtreeIds(account.id) } },
            },
          },
        };
  const matches = userMatchWhere(term ?? "", [rootAccountId]);
  const { rows, total } = await pageOfUsers([inAccount, matches], input.page, {
    ...userJsonSelect,
    email: true,
    ...adminLoginSelect,
  });
  return {
    total,
    items: rows.map((u) => {
      const json = withAdminFields(toUserJson(u), u.logins, onlyIn(rootAccountId));
      if (input.includeEmail)
        json.email = emailForAdmin(
          u.email,
          u.logins.map((l) => l.rootAccountId),
          [rootAccountId],
        );
      return json;
    }),
  };
}

export type NewAccountUser = {
  accountId: number;
  name: string;
  shortName?: string;
  sortableName?: string;
  uniqueId: string;
  password?: string;
  sisUserId?: string;
  email?: string;
  /** Email a one-time link to choose a password (Canvas's force_self_registration; always when no password). */
  forceSelfRegistration?: boolean;
};

/** POST /accounts/:id/users by an admin: a user with a login in the account's root account. */
export async function createAccountUser(actor: Actor, input: NewAccountUser): Promise<UserJson> {
  const { rootAccountId } = await requireAccountAdmin(actor, input.accountId);
  const taken = await db.login.findFirst({
    where: {
      rootAccountId,
      OR: [
        { uniqueIdNormalized: input.uniqueId.toLowerCase() },
        ...(input.sisUserId ? [{ sisUserId: input.sisUserId }] : []),
      ],
    },
    select: { uniqueIdNormalized: true },
  });
  if (taken)
    throw duplicateLogin(
      taken.uniqueIdNormalized === input.uniqueId.toLowerCase() ? "unique_id" : "sis_user_id",
    );
  const sendSetup = input.forceSelfRegistration || !input.password;
  // An admin's choice of password follows the rule everyone's does (lib/identity/passwords.ts).
  const weak =
    !sendSetup && input.password && newPasswordProblem(input.password, input.email, input.uniqueId);
  if (weak) throw paramError("pseudonym[password]", weak);
  const email = emailOf(input);
  if (sendSetup && !email) {
    throw paramError(
      "pseudonym[password]",
      "is required when the user has no email address to choose one through",
    );
  }
  try {
    const userId = await db.$transaction(async (tx) => {
      const password = input.forceSelfRegistration ? undefined : input.password;
      const user = await createUserWithLogin(
        {
          name: input.name,
          uniqueId: input.uniqueId,
          rootAccountId,
          password,
          sisUserId: input.sisUserId,
          email: input.email,
        },
        tx,
      );
      if (input.shortName || input.sortableName) {
        await tx.user.update({
          where: { id: user.id },
          data: {
            shortName: cleanNameOrNull(input.shortName) ?? undefined,
            sortableName: cleanNameOrNull(input.sortableName) ?? undefined,
          },
        });
      }
      await recordAudit(tx, {
        action: "user.registered",
        actorId: actor.userId,
        subjectId: user.id,
        rootAccountId,
        ip: actor.ip,
        data: { by: "admin", setupLinkSent: sendSetup },
      });
      if (sendSetup && email) {
        const [login, school] = await Promise.all([
          tx.login.findFirstOrThrow({ where: { userId: user.id, rootAccountId }, select: { id: true } }),
          tx.account.findUniqueOrThrow({ where: { id: rootAccountId }, select: { name: true } }),
        ]);
        await sendPasswordSetupInTx(tx, {
          loginId: login.id,
          email,
          name: input.name,
          schoolName: school.name,
          rootAccountId,
        });
      }
      return user.id;
    });
    if (sendSetup) deliverSoon();
    const row = await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { ...userJsonSelect, ...adminLoginSelect },
    });
    return withAdminFields(toUserJson(row), row.logins, onlyIn(rootAccountId));
  } catch (err) {
    // Two admins creating the same login at once: the unique index decides.
    if (fromPrismaError(err)?.code === "conflict") throw duplicateLogin("unique_id");
    throw err;
  }
}

function duplicateLogin(field: "unique_id" | "sis_user_id") {
  const message =
    field === "unique_id"
      ? "ID already in use for this account and authentication provider"
      : "SIS ID is already in use";
  return paramError(`pseudonym[${field}]`, message);
}
