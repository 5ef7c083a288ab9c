// postinstall: copies Scalar's code-split ES module build (the entry and its chunks, no source
// maps) from node_modules to public/scalar/, where /api/docs loads it. Served as static files, it
// is gzipped by `next start` (route handlers' responses are not: vercel/next.js#98007), and the
// page loads the ~0.7 MB entry and the chunks it imports instead of the 4.3 MB single-file bundle.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FROM = path.join(ROOT, "node_modules/@scalar/api-reference/dist/browser");
const TO = path.join(ROOT, "public/scalar");

fs.rmSync(TO, { recursive: true, force: true });
fs.mkdirSync(path.join(TO, "chunks"), { recursive: true });
fs.copyFileSync(path.join(FROM, "standalone.esm.js"), path.join(TO, "standalone.esm.js"));
let files = 1;
for (const name of fs.readdirSync(path.join(FROM, "chunks"))) {
  if (!name.endsWith(".js")) continue;
  fs.copyFileSync(path.join(FROM, "chunks", name), path.join(TO, "chunks", name));
  files++;
}
console.log(`Scalar's API reference: ${files} files copied to public/scalar/`);
