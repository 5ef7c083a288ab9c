// Types for http-client.mjs.
import type { Agent, IncomingHttpHeaders } from "node:http";

export type Answer = {
  status: number;
  headers?: IncomingHttpHeaders;
  text: string;
  json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  servedBy?: string;
  error?: Error;
};
export type RequestOptions = {
  headers?: Record<string, string>;
  body?: unknown;
  from?: string;
  timeoutMs?: number;
};
export function agentFor(localAddress?: string): Agent;
export function closeAgents(): void;
export function request(base: string, method: string, path: string, opts?: RequestOptions): Promise<Answer>;
export function api(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  opts?: RequestOptions,
): Promise<Answer>;
export function newCode(base: string, studentToken: string, opts?: RequestOptions): Promise<string>;
export function redeem(
  base: string,
  observerToken: string,
  code: string,
  opts?: RequestOptions,
): Promise<Answer>;
