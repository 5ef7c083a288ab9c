// GET /api/docs — the interactive API reference (Scalar), served without any CDN
import { SCALAR_CSS } from "./theme";

export const dynamic = "force-static";

// Nothing leaves this server: no web fonts, no telemetry, no AI chat (schools' networks and privacy rules).
const CONFIGURATION = JSON.stringify({
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  agent: { disabled: true },
  mcp: { disabled: true },
  customCss: SCALAR_CSS,
}).replace(/'/g, "&#39;");

// Scalar's code-split ES module build, copied to public/scalar/ by postinstall
// (scripts/copy-scalar.mjs): the entry (~0.7 MB) and the chunks it imports, gzipped, instead of
// the 4.3 MB single-file bundle.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Observer Pairing API reference</title>
    <link rel="icon" href="/icon.svg" type="image/svg+xml" />
  </head>
  <body>
    <noscript>The interactive reference needs JavaScript; the raw document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
    <script id="api-reference" data-url="/api/v1/openapi.json" data-configuration='${CONFIGURATION}'></script>
    <script type="module" src="/scalar/standalone.esm.js"></script>
  </body>
</html>`;

export function GET() {
  return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
}
