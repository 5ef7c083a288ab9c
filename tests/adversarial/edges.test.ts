// Issue 18 §4, attacked over HTTP as a browser would: a session cookie kept after signing out, a
// newline typed into the sign-in form's `next`, a NUL in a search and a typed year on admin pages,
// and /register?account= asked to name another school.
import { describe, expect, it } from "vitest";
import { formWith } from "../../scripts/lib/form-session.mjs";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { createCourse } from "../../lib/courses/provisioning.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { defaultRootAccount, makeUser, TEST_PASSWORD, uid } from "../helpers/factory.ts";
import { BASE_URL, httpJson, type HttpResult } from "./harness.ts";

const host = new URL(BASE_URL).host;
const origin = new URL(BASE_URL).origin;

/** The inputs of the first form whose markup contains `text` (a server action's hidden fields). */
function formAround(html: string, text: string): Record<string, string> {
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    if (!form[1].includes(text)) continue;
    const fields: Record<string, string> = {};
    for (const input of form[1].matchAll(/<input\b[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (name) fields[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
    }
    return fields;
  }
  throw new Error(`no form with "${text}"`);
}

class Browser {
  cookies = new Map<string, string>();
  ip = `10.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  private keep(r: HttpResult) {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || eq === pair.length - 1)
        this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return r;
  }
  private headers(): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }
  async get(path: string) {
    return this.keep(await httpJson(path, { host, ip: this.ip, headers: this.headers() }));
  }
  async post(path: string, fields: Record<string, string>) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return this.keep(
      await httpJson(path, {
        method: "POST",
        body,
        host,
        ip: this.ip,
        headers: { ...this.headers(), origin },
      }),
    );
  }
  async signIn(login: string, next = "/") {
    const page = await this.get("/login");
    return this.post("/login", {
      ...formWith(page.text, "email"),
      email: login,
      password: TEST_PASSWORD,
      next,
    });
  }
}

const signedIn = (r: HttpResult) => r.status === 200;

describe("signing out", () => {
  it("revokes the session: a copy of its cookie no longer works", async () => {
    const account = await defaultRootAccount();
    const user = await makeUser(account.id);
    const browser = new Browser();
    const answer = await browser.signIn(user.login, "/settings");
    expect(answer.status).toBeLessThan(400);
    const settings = await browser.get("/settings");
    expect(signedIn(settings)).toBe(true);
    const copied = new Map(browser.cookies);
    const out = await browser.post("/settings", formAround(settings.text, "Sign out"));
    expect(out.status).toBeLessThan(500);
    const thief = new Browser();
    thief.cookies = copied;
    const replay = await thief.get("/settings");
    expect(replay.status).not.toBe(200);
    expect(replay.headers.get("location") ?? "").toContain("/login");
    // Signing in again works as ever.
    const again = new Browser();
    await again.signIn(user.login);
    expect(signedIn(await again.get("/settings"))).toBe(true);
  });

  it("a newline in the sign-in form's next is no 500: the sign-in lands on the home page", async () => {
    const account = await defaultRootAccount();
    const user = await makeUser(account.id);
    const answer = await new Browser().signIn(user.login, "/settings\r\nSet-Cookie: evil=1");
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.getSetCookie().some((c) => c.startsWith("evil="))).toBe(false);
  });
});

describe("admin pages given what nobody types", () => {
  it("a NUL in the users search or a course page's search, a year 20266 in the audit filter: no 500", async () => {
    const account = await defaultRootAccount();
    const admin = await makeUser(account.id);
    await makeAccountAdmin({ accountId: account.id, userId: admin.id });
    const course = await createCourse({ accountId: account.id, name: `Edge ${uid()}` });
    const browser = new Browser();
    await browser.signIn(admin.login);
    const users = await browser.get("/admin/users?q=a%00b");
    expect(users.status).toBe(200);
    expect((await browser.get(`/courses/${course.id}?q=%00`)).status).toBe(200);
    expect((await browser.get(`/courses/${course.id}/people?q=x%00`)).status).toBe(200);
    const audit = await browser.get("/admin/audit?from=20266-01-01&user=%00");
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("Some filters were not valid");
  });
});

describe("/register?account=", () => {
  it("names no school but the host's, whatever id it is given", async () => {
    const secret = `Hidden Academy ${uid()}`;
    const other = await createRootAccount({ name: secret, selfRegistration: "observers" });
    const page = await httpJson(`/register?code=ABCD-EFGH&account=${other.id}`, { host });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(secret);
    expect(page.text).toContain("another school");
  });
});
