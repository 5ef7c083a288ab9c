import "server-only";
// Per-request memoisation that also works where React's `cache` does not. React's `cache` only
// memoises while React renders server components: in route handlers, server actions, the CLI and
// tests it calls the function every time (the client build of `react` is a pass-through, and the
// server build caches nothing without a render's dispatcher). A request scope (inRequestScope,
// opened by lib/api/route.ts and the CLI) gives those one cache per request; outside any scope
// nothing is cached, so nothing can be served stale from one request, job or test to the next.
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";

const scopes = new AsyncLocalStorage<Map<unknown, Map<unknown, unknown>>>();

/** Runs `run` as one request: requestCached functions called within share their results. */
export function inRequestScope<T>(run: () => T): T {
  return scopes.run(new Map(), run);
}

/** `load`, memoised per request by its key (a rejected load stays rejected for that request, as with React's `cache`). */
export function requestCached<K extends string | number, V>(
  load: (key: K) => Promise<V>,
): (key: K) => Promise<V> {
  const inRender = cache(load);
  return (key) => {
    const scope = scopes.getStore();
    if (!scope) return inRender(key);
    let results = scope.get(load) as Map<K, Promise<V>> | undefined;
    if (!results) scope.set(load, (results = new Map()));
    let result = results.get(key);
    if (!result) results.set(key, (result = load(key)));
    return result;
  };
}
