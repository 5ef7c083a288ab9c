// Types for the part of form-session.mjs the adversarial tests use.
export function formWith(html: string, field: string): Record<string, string>;
