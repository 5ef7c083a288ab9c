// Types for socket-stamp.mjs, which scripts/serve.mjs runs without a build step.
export const SOCKET_IP_HEADER: "x-pairing-socket-ip";

/** Stamps a Node request with its TCP connection's address, signed under `secret`. */
export function stampSocketIp(
  req: { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } },
  secret: string | undefined,
): void;

/** The address in a stamp, or null when there is none or its signature is not ours. */
export function readSocketStamp(value: string | null | undefined, secret: string | undefined): string | null;
