import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library's defaults (19 MiB, 2 passes): memory-hard, as the security model asks (ARCHITECTURE.md).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
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

/** The rule that needs the email too, checked once the password's own shape is fine. */
export function passwordEmailProblem(password: string, email: string): string | null {
  return email && password.toLowerCase() === email.trim().toLowerCase()
    ? "Do not use your email as the password."
    : null;
}

/** What is wrong with a new password (registration, setting one up), or null. */
export function newPasswordProblem(password: string, email: string): string | null {
  return passwordShapeProblem(password) ?? passwordEmailProblem(password, email);
}

// Verifying against this keeps "unknown login" as slow as "wrong password".
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash("not-a-real-password-" + Math.random());
  await verifyPassword(await dummyHash, password);
}
