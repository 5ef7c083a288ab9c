// The production server `npm start` runs: Next.js behind a plain Node HTTP server that stamps
// each request with the address of its TCP connection (lib/platform/socket-stamp.mjs), because Next
// gives route handlers and server actions no trustworthy socket address (see lib/platform/client-ip.ts).
// Usage: node scripts/serve.mjs <port>
import http from "node:http";
import next from "next";
import { stampSocketIp } from "../lib/platform/socket-stamp.mjs";

const port = Number(process.argv[2] || process.env.PORT || 3000);
const app = next({ dev: false, dir: new URL("..", import.meta.url).pathname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = http.createServer((req, res) => {
  stampSocketIp(req, process.env.AUTH_SECRET);
  handle(req, res);
});
server.listen(port, () => console.log(`  ▲ Ready on http://localhost:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
