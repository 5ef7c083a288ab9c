// Types for form-session.mjs.
import type { Answer } from "./http-client.mjs";

export function formWith(html: string, field: string): Record<string, string>;
export class Session {
  constructor(base: string, from?: string);
  cookies: Map<string, string>;
  get(path: string): Promise<Answer>;
  submit(path: string, form: Record<string, string>, fields: Record<string, string>): Promise<Answer>;
}
