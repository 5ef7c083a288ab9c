import "server-only";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../platform/errors.ts";

// Each Argon2 hash takes 19 MiB and a libuv thread (shared with file and DNS work) for tens of
// milliseconds, so a flood of sign-ins must not start them all at once: at most HASH_SLOTS run in
// this process. Sign-in checks wait at most HASH_WAIT_MS (and only MAX_WAITING of them wait),
// then get "try again" rather than piling up; they go before bulk hashing (an import's
// passwords), which waits as long as it takes.
const HASH_SLOTS = Math.max(2, Math.min(4, os.availableParallelism()));
const HASH_WAIT_MS = 2000;
const MAX_WAITING = 50;
export const BUSY_MESSAGE = "The server is busy. Please try again in a moment.";

let active = 0;
let peak = 0;
const waiting: { signIn: (() => void)[]; bulk: (() => void)[] } = { signIn: [], bulk: [] };

function acquire(kind: "signIn" | "bulk"): Promise<void> {
  if (active < HASH_SLOTS) {
    peak = Math.max(peak, ++active);
    return Promise.resolve();
  }
  const queue = waiting[kind];
  if (kind === "signIn" && queue.length >= MAX_WAITING)
    return Promise.reject(new AppError("rate_limited", BUSY_MESSAGE, { retryAfter: 2 }));
  return new Promise((resolve, reject) => {
    // The slot is handed over by release(), so `active` stays as it is.
    const grant = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer =
      kind === "signIn"
        ? setTimeout(() => {
            queue.splice(queue.indexOf(grant), 1);
            reject(new AppError("rate_limited", BUSY_MESSAGE, { retryAfter: 2 }));
          }, HASH_WAIT_MS)
        : undefined;
    queue.push(grant);
  });
}

function release(): void {
  const next = waiting.signIn.shift() ?? waiting.bulk.shift();
  if (next) next();
  else active--;
}

/** Runs `fn` holding one of the process's hash slots (exported for the tests that measure them). */
export async function withHashSlot<T>(kind: "signIn" | "bulk", fn: () => Promise<T>): Promise<T> {
  await acquire(kind);
  try {
    return await fn();
  } finally {
    release();
  }
}

/** The slots' limit, how many are in use and the most ever in use at once (for tests). */
export function hashSlotStats(reset = false) {
  const stats = { limit: HASH_SLOTS, active, peak, waiting: waiting.signIn.length + waiting.bulk.length };
  if (reset) peak = active;
  return stats;
}

// Argon2id with the library's defaults (19 MiB, 2 passes): memory-hard, as the security model asks (ARCHITECTURE.md).
export function hashPassword(password: string): Promise<string> {
  return withHashSlot("bulk", () => hash(password));
}

/** Throws AppError("rate_limited") when no hash slot frees up in time (see HASH_WAIT_MS). */
export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) return false;
  return withHashSlot("signIn", async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

/** Shown next to every new-password field, and enforced by newPasswordProblem. */
export const PASSWORD_RULES = [
  "At least 10 characters",
  "Not only one repeated character",
  "Not the same as your email",
] as const;

/** What is wrong with a new password on its own (length, one repeated character), or null. */
export function passwordShapeProblem(password: string): string | null {
  if (password.length < 10) return "Use at least 10 characters.";
  if (password.length > 1024) return "Use at most 1024 characters.";
  if (/^(.)\1*$/.test(password)) return "Do not repeat one character.";
  return null;
}

/**
 * The rule that needs who the password is for, checked once the password's own shape is fine:
 * not the email, and not the login (an admin may give a user a login that differs from their
 * email; both are what an attacker tries first).
 */
export function passwordEmailProblem(
  password: string,
  email: string | null | undefined,
  login?: string | null,
) {
  const same = (id: string | null | undefined) => !!id && password.toLowerCase() === id.trim().toLowerCase();
  if (same(email) || (same(login) && login!.includes("@"))) return "Do not use your email as the password.";
  if (same(login)) return "Do not use your login as the password.";
  return null;
}

/** What is wrong with a new password (registration, setting one up), or null. */
export function newPasswordProblem(
  password: string,
  email: string | null | undefined,
  login?: string | null,
): string | null {
  return passwordShapeProblem(password) ?? passwordEmailProblem(password, email, login);
}

// Verifying against this keeps "unknown login" as slow as "wrong password".
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  const pending = (dummyHash ??= withHashSlot("signIn", () => hash("not-a-real-password-" + Math.random())));
  const dummy = await pending.catch((err) => {
    if (dummyHash === pending) dummyHash = undefined; // busy: make it next time
    throw err;
  });
  await verifyPassword(dummy, password);
}
