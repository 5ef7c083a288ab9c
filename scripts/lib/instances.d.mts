// Types for instances.mjs (the adversarial tests are TypeScript).
import type { ChildProcess } from "node:child_process";

export type Instance = {
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
  tail(): string;
};
export type AccessLogEntry = {
  ip: string;
  method: string;
  uri: string;
  status: number;
  upstream: string;
  tried: string;
  seconds: number;
};
export type Cluster = {
  url: string;
  nginx: {
    url: string;
    port: number;
    dir: string;
    conf: string;
    errors(): string;
    accessLog(): AccessLogEntry[];
  };
  instances: Instance[];
  env: Record<string, string | undefined>;
  indexOf(upstream: string | undefined): number;
  kill(i: number, signal?: NodeJS.Signals): Promise<void>;
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
};
export function actionsKey(): string;
export function startInstances(opts: {
  env: Record<string, string | undefined>;
  count?: number;
  envFor?: (i: number) => Record<string, string>;
}): Promise<Cluster>;
