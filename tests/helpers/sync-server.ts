// A local HTTP server standing in for a SIS's export URL (scheduled syncs, issue 17 §7): each path
// answers as a SIS might, and every request's Authorization header is kept for the test to check.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type SyncServer = {
  url: (path: string) => string;
  /** The file /roster.csv and /basic.csv serve. */
  roster: string;
  seen: { path: string; authorization: string | undefined }[];
  close: () => Promise<void>;
};

export const TOKEN = "sis-token-0123456789";
export const BASIC = { username: "sync-user", password: "p@ss:word" };

export async function startSyncServer(): Promise<SyncServer> {
  const state = { roster: "" } as { roster: string };
  const seen: SyncServer["seen"] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push({ path, authorization: req.headers.authorization });
    const csv = () => res.writeHead(200, { "content-type": "text/csv; charset=utf-8" }).end(state.roster);
    if (path === "/roster.csv")
      return req.headers.authorization === `Bearer ${TOKEN}` ? csv() : res.writeHead(401).end("no");
    if (path === "/basic.csv") {
      const want = `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString("base64")}`;
      return req.headers.authorization === want ? csv() : res.writeHead(401).end("no");
    }
    if (path === "/slow.csv") return void res.writeHead(200, { "content-type": "text/csv" }).write("a,b\n");
    if (path === "/big.csv") {
      // No Content-Length: the cap must hold while the body streams in.
      res.writeHead(200, { "content-type": "text/csv" });
      const line = "student_sis_id,guardian_email\n" + "x".repeat(1000) + "\n";
      let n = 0;
      const more = () => {
        while (n++ < 200) if (!res.write(line)) return res.once("drain", more);
        res.end();
      };
      return more();
    }
    if (path === "/login.html")
      return res.writeHead(200, { "content-type": "text/html" }).end("<html>Sign in</html>");
    if (path === "/to-metadata")
      return res.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    get roster() {
      return state.roster;
    },
    set roster(v: string) {
      state.roster = v;
    },
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
