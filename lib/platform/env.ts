import "server-only";
import { z } from "zod";

// Parsed on first use, not at import: `next build` loads modules without any of these set.
const envSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  PAIRING_CODE_KEY: z.string().min(32, "PAIRING_CODE_KEY must be at least 32 characters"),
  /** Header holding the client IP set by a trusted reverse proxy (e.g. x-forwarded-for). */
  TRUSTED_PROXY_HEADER: z.string().optional(),
  /** Public base URL, used in links sent to people (QR codes, emails). */
  APP_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;
let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(
        "Invalid configuration: " +
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    }
    cached = parsed.data;
  }
  return cached;
}
