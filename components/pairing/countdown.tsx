"use client";
import { useEffect, useState } from "react";

function remaining(ms: number): string {
  if (ms <= 0) return "expired";
  const m = Math.floor(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const parts = d ? [`${d} d`, `${h} h`] : h ? [`${h} h`, `${m % 60} min`] : [`${m % 60} min`, `${Math.floor(ms / 1000) % 60} s`];
  return `${parts.join(" ")} left`;
}

/**
 * A live countdown to `until`. Not a live region: announcing every tick would drown a screen
 * reader; the absolute expiry time next to it is the accessible statement.
 */
export function Countdown({ until }: { until: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (now === null) return null;
  return <span className="font-medium text-slate-800">({remaining(new Date(until).getTime() - now)})</span>;
}
