// GET /api/docs — the interactive API reference (Scalar), served without any CDN
export const dynamic = "force-static";

// Nothing leaves this server: no web fonts, no telemetry, no AI chat (schools' networks and privacy rules).
const CONFIGURATION = JSON.stringify({ withDefaultFonts: false, telemetry: false, hideClientButton: true, agent: { disabled: true }, mcp: { disabled: true } });

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Observer Pairing API reference</title>
  </head>
  <body>
    <noscript>The interactive reference needs JavaScript; the raw document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
    <script id="api-reference" data-url="/api/v1/openapi.json" data-configuration='${CONFIGURATION}'></script>
    <script src="/api/docs/scalar.js"></script>
  </body>
</html>`;

export function GET() {
  return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
}
