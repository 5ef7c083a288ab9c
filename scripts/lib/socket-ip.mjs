// Stamps a request with the address of its TCP connection, signed under AUTH_SECRET, for
// lib/platform/client-ip.ts (whose socketIpSignature is the same formula: tests/unit/client-ip.test.ts).
import { createHmac } from "node:crypto";

export const SOCKET_IP_HEADER = "x-pairing-socket-ip";

export function stampSocketIp(req, secret) {
  // Whatever a client sent under this name is dropped before anything reads it.
  delete req.headers[SOCKET_IP_HEADER];
  const ip = req.socket?.remoteAddress;
  if (!ip || !secret) return;
  const sig = createHmac("sha256", secret).update(`socket-ip:${ip}`).digest("base64url");
  req.headers[SOCKET_IP_HEADER] = `${ip};${sig}`;
}
