// A real SMTP server on a local port (smtp-server) for the tests that deliver mail. Call
// startSmtp() in beforeAll, before anything in the file sends: the mailer reads SMTP_URL once.
import net from "node:net";
import { SMTPServer } from "smtp-server";

export type Received = { to: string; body: string };

export async function startSmtp() {
  const received: Received[] = [];
  const refuseOnce = new Set<string>();
  const refusing = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (d) => (body += d));
      stream.on("end", () => {
        const to = session.envelope.rcptTo[0]?.address ?? "";
        if (refuseOnce.delete(to) || refusing.has(to))
          return callback(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
        received.push({ to, body });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "School <no-reply@test.example>";
  return {
    received,
    /** The next message to this address is refused (a 451), once. */
    refuseOnce: (to: string) => refuseOnce.add(to),
    /** Every message to this address is refused until the returned function is called. */
    refuse: (to: string) => (refusing.add(to), () => void refusing.delete(to)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bodies received for `to`, quoted-printable soft breaks undone. */
export const bodiesTo = (received: Received[], to: string) =>
  received.filter((m) => m.to === to).map((m) => m.body.replace(/=\r?\n/g, "").replace(/=3D/g, "="));
