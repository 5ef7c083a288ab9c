// Types for the parts of resilience-load.mjs the adversarial tests use.
export function pool<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<R>,
  opts?: { until?: number },
): Promise<R[]>;
export function addressFor(i: number): string;
