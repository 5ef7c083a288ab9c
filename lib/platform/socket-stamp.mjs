// The socket-address stamp, written by scripts/serve.mjs (npm start) and read by
// lib/platform/client-ip.ts. Plain JavaScript so the start script runs it without a build step;
// one module so the header name and the signature cannot drift apart.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SOCKET_IP_HEADER = "x-pairing-socket-ip";

const signature = (ip, secret) => createHmac("sha256", secret).update(`socket-ip:${ip}`).digest("base64url");

/** Stamps a Node request with its TCP connection's address, signed under `secret`. */
export function stampSocketIp(req, secret) {
  // Whatever a client sent under this name is dropped before anything reads it.
  delete req.headers[SOCKET_IP_HEADER];
  const ip = req.socket?.remoteAddress;
  if (!ip || !secret) return;
  req.headers[SOCKET_IP_HEADER] = `${ip};${signature(ip, secret)}`;
}

/** The address in a stamp, or null when there is none or its signature is not ours. */
export function readSocketStamp(value, secret) {
  const [ip, sig] = (value ?? "").split(";");
  if (!secret || !ip || !sig) return null;
  const expected = Buffer.from(signature(ip, secret));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ip : null;
}
