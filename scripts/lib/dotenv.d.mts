// Types for scripts/lib/dotenv.mjs (imported for its effect: `.env` read into process.env).
export const ENV_FILE: string;
