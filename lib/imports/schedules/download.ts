import "server-only";
// Downloading a scheduled sync's file: HTTPS to a public address (address.ts), a bearer token or
// basic credentials sent only to the address they were saved for, at most MAX_REDIRECTS redirects
// (each checked again), a time limit on the whole download, and the same 50 MB cap uploads have,
// enforced while the body streams in (a Content-Length over it is refused before reading).
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { guardedLookup, RefusedAddress, urlRefusal } from "./address.ts";

export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024; // MAX_UPLOAD_BYTES (lib/api/uploads.ts)
export const MAX_REDIRECTS = 3;
export const DOWNLOAD_TIMEOUT_MS = 120_000;

export type Credential =
  | { kind: "none" }
  | { kind: "bearer"; token: string }
  | { kind: "basic"; username: string; password: string };

export type DownloadOptions = { timeoutMs?: number; maxBytes?: number };

/** A download that did not give a file: the message names why, for the admins' email. */
export class DownloadError extends Error {}

// Answers that are certainly not a roster: a sign-in page, an API's error body.
const NOT_A_FILE = /^(text\/html|application\/(json|xml|xhtml\+xml)|text\/xml)\b/i;

function authorization(c: Credential): string | undefined {
  if (c.kind === "bearer") return `Bearer ${c.token}`;
  if (c.kind === "basic") return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
  return undefined;
}

function fileName(url: URL): string {
  const base = path.posix.basename(decodeURIComponent(url.pathname));
  return /\.(csv|zip)$/i.test(base) ? base : "sync.csv";
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body?: Buffer };

function get(
  url: URL,
  headers: Record<string, string>,
  deadline: number,
  maxBytes: number,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const left = Math.max(1, deadline - Date.now());
    const req = mod.get(url, { headers, lookup: guardedLookup, timeout: left }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        return resolve({ status, headers: res.headers });
      }
      const declared = Number(res.headers["content-length"]);
      if (declared > maxBytes) {
        req.destroy();
        return reject(new DownloadError(tooLarge(maxBytes)));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) return req.destroy(new DownloadError(tooLarge(maxBytes)));
        chunks.push(c);
      });
      res.on("end", () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new DownloadError(timedOut(timeoutMs))), left);
    req.on("timeout", () => req.destroy(new DownloadError(timedOut(timeoutMs))));
    req.on("error", reject);
    req.on("close", () => clearTimeout(timer));
  });
}

const MB = 1024 * 1024;
const tooLarge = (max: number) =>
  `The file is larger than ${max % MB === 0 ? `${max / MB} MB` : `${max} bytes`}, the most one import takes.`;
const timedOut = (ms: number) => `The server did not send the whole file within ${Math.round(ms / 1000)} s.`;

/** The file at `raw`, as the import's staging takes it: { name, data }. Throws DownloadError. */
export async function downloadFile(
  raw: string,
  credential: Credential,
  options: DownloadOptions = {},
): Promise<{ name: string; data: Uint8Array }> {
  const deadline = Date.now() + (options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const origin = new URL(raw).origin;
  let url = raw;
  for (let hop = 0; ; hop++) {
    const refused = urlRefusal(url);
    if (refused) throw new DownloadError(hop ? `It redirected to ${url}: ${refused}` : refused);
    const target = new URL(url);
    const auth = authorization(credential);
    // Credentials go only to the origin they were saved for, as browsers do on a redirect.
    const headers: Record<string, string> = {
      accept: "text/csv, application/zip, */*;q=0.5",
      "user-agent": "observer-pairing-sync",
      ...(auth && target.origin === origin ? { authorization: auth } : {}),
    };
    let answer: Answer;
    try {
      answer = await get(target, headers, deadline, maxBytes, options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
    } catch (err) {
      if (err instanceof DownloadError) throw err;
      if (err instanceof RefusedAddress) throw new DownloadError(err.message);
      const code = (err as NodeJS.ErrnoException).code;
      throw new DownloadError(`Could not reach ${target.host}: ${code ?? (err as Error).message}.`);
    }
    const location = answer.headers.location;
    if ([301, 302, 303, 307, 308].includes(answer.status) && location) {
      if (hop >= MAX_REDIRECTS) throw new DownloadError(`More than ${MAX_REDIRECTS} redirects: stopped.`);
      url = new URL(location, target).toString();
      continue;
    }
    if (answer.status === 401 || answer.status === 403)
      throw new DownloadError(
        `The server refused the credential (HTTP ${answer.status}): check the token or password saved with the sync.`,
      );
    if (!answer.body)
      throw new DownloadError(`The server answered HTTP ${answer.status} instead of the file.`);
    const type = String(answer.headers["content-type"] ?? "");
    if (NOT_A_FILE.test(type))
      throw new DownloadError(
        `The server sent ${type.split(";")[0]}, not a CSV or zip file (a sign-in page?): check the address.`,
      );
    if (answer.body.length === 0) throw new DownloadError("The server sent an empty file.");
    return { name: fileName(target), data: new Uint8Array(answer.body) };
  }
}
