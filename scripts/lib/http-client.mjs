// A small HTTP client on node:http for the load and fault checks: keep-alive agents (one per
// simulated client address, so nginx sees 127.0.0.x as the client), the instance that answered
// (nginx's X-Served-By), and form posts carrying cookies like a browser without JavaScript.
import http from "node:http";

const agents = new Map();

/** A keep-alive agent whose connections leave from `localAddress` (any 127.x.y.z on Linux). */
export function agentFor(localAddress = "127.0.0.1") {
  if (!agents.has(localAddress))
    agents.set(localAddress, new http.Agent({ keepAlive: true, maxSockets: 64, localAddress }));
  return agents.get(localAddress);
}

export function closeAgents() {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

/**
 * One request. `body`: an object (sent as JSON), a string, or a Buffer. Resolves with
 * { status, headers, text, json, servedBy } — or { status: 0, error } when the connection failed.
 */
export function request(base, method, path, { headers = {}, body, from, timeoutMs = 30_000 } = {}) {
  const url = new URL(path, base);
  let payload = body;
  const h = { ...headers };
  if (body && typeof body === "object" && !Buffer.isBuffer(body)) {
    payload = JSON.stringify(body);
    h["content-type"] = "application/json";
  }
  if (payload !== undefined) h["content-length"] = Buffer.byteLength(payload);
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method, headers: h, agent: agentFor(from), timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("error", (error) => resolve({ status: 0, error }));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text,
            json,
            servedBy: res.headers["x-served-by"],
          });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (error) => resolve({ status: 0, error }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** The API with a bearer token. */
export const api = (base, token, method, path, body, opts = {}) =>
  request(base, method, `/api/v1${path}`, {
    ...opts,
    body,
    headers: { authorization: `Bearer ${token}`, ...opts.headers },
  });

/** A student's new pairing code (through whichever instance nginx picks). */
export async function newCode(base, studentToken, opts = {}) {
  const r = await api(base, studentToken, "POST", "/users/self/observer_pairing_codes", undefined, opts);
  if (r.status !== 200 || !r.json?.code)
    throw new Error(`making a code: ${r.status} ${r.text?.slice(0, 200)}`);
  return r.json.code;
}

/** An observer redeeming a code: the response as `request` gives it. */
export const redeem = (base, observerToken, code, opts) =>
  api(base, observerToken, "POST", "/users/self/observees", { pairing_code: code }, opts);
