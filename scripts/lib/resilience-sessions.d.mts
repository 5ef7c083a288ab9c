// Types for the part of resilience-sessions.mjs the adversarial tests use.
export type Step = { what: string; status: number; instance: number };
export function signInAndPair(
  base: string,
  person: { login: string; student: string },
  opts: {
    indexOf(upstream: string | undefined): number;
    from: string;
    password?: string;
    onCode?: (code: string) => void;
  },
): Promise<Step[]>;
