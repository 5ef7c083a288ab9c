import { AppError } from "../../lib/platform/errors.ts";

/** The AppError a call fails with (the test fails if it succeeds or throws something else). */
export async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}
