// GET /api/docs/scalar/... — Scalar's ES module build (entry and chunks), read from node_modules (no CDN)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const DIST = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser");
// Only the entry and its chunks: one plain file name each, so no path can leave DIST.
const FILE = /^(standalone\.esm\.js|chunks\/[\w.-]+\.js)$/;

// Each file is read and compressed once per process (the set is fixed: ~100 files, ~1 MB gzipped).
const cache = new Map<string, Promise<{ raw: Buffer; gzipped: Buffer } | null>>();

function load(name: string) {
  let entry = cache.get(name);
  if (!entry) {
    entry = readFile(path.join(DIST, name)).then(
      async (raw) => ({ raw, gzipped: await promisify(gzip)(raw) }),
      () => null,
    );
    cache.set(name, entry);
  }
  return entry;
}

export async function GET(req: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const name = (await params).file.join("/");
  const file = FILE.test(name) && !name.includes("..") ? await load(name) : null;
  if (!file) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  const gz = /\bgzip\b/.test(req.headers.get("accept-encoding") ?? "");
  return new Response(new Uint8Array(gz ? file.gzipped : file.raw), {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      // Chunk names carry a content hash; the entry's does not, so it is revalidated daily.
      "cache-control": name.startsWith("chunks/")
        ? "public, max-age=31536000, immutable"
        : "public, max-age=86400",
      vary: "accept-encoding",
      ...(gz ? { "content-encoding": "gzip" } : {}),
    },
  });
}
