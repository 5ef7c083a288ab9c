export function servingPlan(
  env: Record<string, string | undefined>,
  cores: number,
): { workers: number; poolSize: number };
