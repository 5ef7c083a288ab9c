"use client";
import { useSyncExternalStore } from "react";

function remaining(ms: number): string {
  if (ms <= 0) return "expired";
  const m = Math.floor(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const parts = d
    ? [`${d} d`, `${h} h`]
    : h
      ? [`${h} h`, `${m % 60} min`]
      : [`${m % 60} min`, `${Math.floor(ms / 1000) % 60} s`];
  return `${parts.join(" ")} left`;
}

// One shared one-second clock for every countdown on the page; 0 until the first subscriber (and
// on the server), so the server render and hydration agree and the countdown appears after it.
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
      now = 0;
    }
  };
}

/**
 * A live countdown to `until`. Not a live region: announcing every tick would drown a screen
 * reader; the absolute expiry time next to it is the accessible statement.
 */
export function Countdown({ until }: { until: string }) {
  const t = useSyncExternalStore(
    subscribe,
    () => now,
    () => 0,
  );
  if (t === 0) return null;
  return <span className="font-medium text-slate-800">({remaining(new Date(until).getTime() - t)})</span>;
}
