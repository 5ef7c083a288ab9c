import "server-only";
// Creating a user with a login, with no authorization of its own: the seed, tests and the
// authorized domain functions (admin API, self-registration, imports) call it.
import { db, type Tx } from "../platform/db.ts";
import { hashPassword } from "./passwords.ts";
import { cleanName, shortNameOf, sortableNameOf } from "../users/name.ts";

export type NewUser = {
  name: string;
  rootAccountId: number;
  uniqueId: string;
  password?: string | null;
  sisUserId?: string | null;
  email?: string | null;
};

/** A user's email: the one given, else the login when it is an email address. */
export function emailOf(input: { email?: string | null; uniqueId: string }): string | null {
  return input.email ?? (input.uniqueId.includes("@") ? input.uniqueId : null);
}

export async function createUserWithLogin(input: NewUser, tx: Tx = db) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const name = cleanName(input.name);
  return tx.user.create({
    data: {
      name,
      sortableName: sortableNameOf(name),
      shortName: shortNameOf(name),
      email: emailOf(input),
      logins: {
        create: {
          rootAccountId: input.rootAccountId,
          uniqueId: input.uniqueId,
          uniqueIdNormalized: input.uniqueId.toLowerCase(),
          passwordHash,
          sisUserId: input.sisUserId ?? null,
        },
      },
    },
    select: { id: true, name: true },
  });
}
