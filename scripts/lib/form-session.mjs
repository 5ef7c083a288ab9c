// A browser without JavaScript, enough for the multi-instance checks: a cookie jar, and HTML forms
// posted as they are rendered (React renders a server action's hidden $ACTION_ fields into the
// form, so a plain multipart POST runs the same server action the JavaScript client would).
import { request } from "./http-client.mjs";

const unescape = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w:$-]+)="([^"]*)"/g)) out[m[1]] = unescape(m[2]);
  return out;
}

/** The inputs (name → value) of the first form in `html` having a field named `field`. */
export function formWith(html, field) {
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const inputs = [...form[1].matchAll(/<input\b[^>]*>/g)].map((m) => attrs(m[0]));
    if (!inputs.some((i) => i.name === field)) continue;
    return Object.fromEntries(inputs.filter((i) => i.name).map((i) => [i.name, i.value ?? ""]));
  }
  throw new Error(`no form with a "${field}" field on the page`);
}

export class Session {
  cookies = new Map();
  constructor(base, from = "127.0.0.1") {
    this.base = base;
    this.from = from;
  }
  keep(res) {
    for (const c of [res.headers?.["set-cookie"] ?? []].flat()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || !value) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    return res;
  }
  headers(extra = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { ...(cookie ? { cookie } : {}), ...extra };
  }
  async get(path) {
    return this.keep(await request(this.base, "GET", path, { headers: this.headers(), from: this.from }));
  }
  /** Posts `form` (from formWith) with `fields` filled in to `path`, as multipart form data. */
  async submit(path, form, fields) {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ ...form, ...fields })) fd.append(k, v);
    const encoded = new Response(fd);
    const body = Buffer.from(await encoded.arrayBuffer());
    const headers = this.headers({ "content-type": encoded.headers.get("content-type"), origin: this.base });
    return this.keep(await request(this.base, "POST", path, { headers, body, from: this.from }));
  }
}
