// The catalogs (messages/*.json, docs/i18n.md): every language has exactly English's keys, with
// the same placeholders; every key is used by the code; lib's English sentences that forms
// translate (ServerMessages) are still lib's own words; the pseudo-locale keeps every
// placeholder and wraps and lengthens every message.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "use-intl/core";
import { LOCALES } from "../../lib/platform/locales.ts";
// @ts-expect-error: a plain .mjs script without types
import { pseudoCatalog } from "../../scripts/pseudo-locale.mjs";

type Catalog = { [key: string]: string | Catalog };
const read = (locale: string): Catalog =>
  JSON.parse(fs.readFileSync(path.resolve("messages", `${locale}.json`), "utf8"));

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(catalog)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** A message's arguments ("name", "count:plural"), sorted. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (
        el.type === TYPE.argument ||
        el.type === TYPE.number ||
        el.type === TYPE.date ||
        el.type === TYPE.time
      )
        found.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`${el.value}:${el.type === TYPE.plural ? "plural" : "select"}`);
        for (const opt of Object.values(el.options)) walk(opt.value);
      }
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...found].sort();
}

const en = flatten(read("en"));

/** The code the catalogs serve, as one text per file. */
function sources(dirs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(p);
      } else if (/\.(ts|tsx)$/.test(entry.name)) out.set(p, fs.readFileSync(p, "utf8"));
    }
  };
  for (const d of dirs) walk(path.resolve(d));
  return out;
}

/**
 * Whether the code uses a key: its full name quoted anywhere ("Nav.admin", for a root `t`), or its
 * last part quoted in a file that opens its namespace (`getTranslations("Observing")` … `t("title")`).
 */
function unusedKeys(keys: Iterable<string>, files: Map<string, string>): string[] {
  const texts = [...files.values()];
  return [...keys].filter((key) => {
    const dot = key.lastIndexOf(".");
    const namespace = key.slice(0, dot);
    const leaf = key.slice(dot + 1);
    if (texts.some((t) => t.includes(`"${key}"`))) return false;
    const opens = new RegExp(`(useTranslations|getTranslations)\\(\\s*"${namespace}"`);
    return !texts.some((t) => opens.test(t) && t.includes(`"${leaf}"`));
  });
}

/**
 * Calls `t("leaf", { a, b: … })` whose values name an argument the message does not have: the
 * key meant is another one (a "Sent {when}…" sentence once rendered a button's "Sending…").
 * The leaf is looked up in the namespaces the file opens; one that takes every value passes.
 */
function mismatchedCalls(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const namespaces = [...text.matchAll(/(?:useTranslations|getTranslations)\(\s*"([\w.]+)"/g)].map(
      (m) => m[1],
    );
    for (const call of text.matchAll(/\bt\(\s*"([\w.]+)"\s*,\s*\{([^{}]*)\}/g)) {
      const given = call[2]
        .split(",")
        .map((part) => part.split(":")[0].trim())
        .filter((name) => /^\w+$/.test(name));
      const candidates = [call[1], ...namespaces.map((n) => `${n}.${call[1]}`)].filter((k) => en.has(k));
      if (candidates.length === 0) continue;
      const fits = candidates.some((k) => {
        const args = argumentsOf(en.get(k)!).map((a) => a.split(":")[0]);
        return given.every((g) => args.includes(g));
      });
      if (!fits) out.push(`${path.relative(process.cwd(), file)}: t("${call[1]}", { ${given.join(", ")} })`);
    }
  }
  return out;
}

describe("message catalogs", () => {
  it.each(LOCALES.filter((l) => l !== "en"))(
    "%s has exactly English's keys, with the same placeholders",
    (locale) => {
      const other = flatten(read(locale));
      expect(
        [...other.keys()].filter((k) => !en.has(k)),
        "keys English lacks",
      ).toEqual([]);
      expect(
        [...en.keys()].filter((k) => !other.has(k)),
        "keys missing",
      ).toEqual([]);
      const mismatched = [...en].filter(
        ([k, v]) => argumentsOf(v).join() !== argumentsOf(other.get(k)!).join(),
      );
      expect(
        mismatched.map(([k]) => k),
        "placeholders differ",
      ).toEqual([]);
      const empty = [...other].filter(([, v]) => !v.trim());
      expect(
        empty.map(([k]) => k),
        "empty messages",
      ).toEqual([]);
    },
  );

  it("every key is used by the code", () => {
    const files = sources(["app", "components", "lib", "i18n"]);
    // ServerMessages are found by their English text (i18n/server-messages.ts): checked below.
    const keys = [...en.keys()].filter((k) => !k.startsWith("ServerMessages."));
    expect(unusedKeys(keys, files)).toEqual([]);
  });

  it("every call passes values its message takes", () => {
    expect(mismatchedCalls(sources(["app", "components", "lib", "i18n"]))).toEqual([]);
  });

  it("the check finds a call whose message takes other values", () => {
    const files = new Map([
      ["a.tsx", 'const t = await getTranslations("Observing"); t("requestPending", { when, name: s.name });'],
    ]);
    expect(mismatchedCalls(files)).toEqual(['a.tsx: t("requestPending", { when, name })']);
  });

  it("the check finds an unused key", () => {
    const files = new Map([["a.tsx", 'const t = useTranslations("Nav"); t("settings");']]);
    expect(unusedKeys(["Nav.settings", "Nav.courses", "Shell.settings"], files)).toEqual([
      "Nav.courses",
      "Shell.settings",
    ]);
  });

  it("each of lib's sentences that forms translate is still written by lib, or by a page", () => {
    const code = [...sources(["lib", "app", "i18n"]).values()].join("\n");
    const stale = [...en]
      .filter(([k]) => k.startsWith("ServerMessages."))
      .filter(([k, v]) => !code.includes(JSON.stringify(v)) && !code.includes(`"${k.split(".")[1]}"`));
    expect(stale.map(([k]) => k)).toEqual([]);
  });

  it("every message of every language formats with sample values", () => {
    for (const locale of LOCALES) {
      const t = createTranslator({
        locale,
        messages: read(locale),
        onError: (e) => {
          throw e;
        },
      });
      for (const [key, message] of en) {
        const values = Object.fromEntries(
          argumentsOf(message)
            .map((a) => a.split(":")[0])
            .map((a) => [a, a === "count" || a === "days" || a === "minutes" ? 2 : "X"]),
        );
        expect(() => t(key as never, values as never), `${locale} ${key}`).not.toThrow();
      }
    }
  });
});

describe("the pseudo-locale (tests only)", () => {
  const pseudo = flatten(pseudoCatalog(read("en")));

  it("wraps every message in ⟦…⟧, about 40 % longer, with English's placeholders", () => {
    expect([...pseudo.keys()]).toEqual([...en.keys()]);
    for (const [key, message] of en) {
      const p = pseudo.get(key)!;
      expect(p.startsWith("⟦") && p.endsWith("⟧"), key).toBe(true);
      expect(p.length, key).toBeGreaterThanOrEqual(Math.floor(message.length * 1.35));
      expect(argumentsOf(p), key).toEqual(argumentsOf(message));
    }
  });

  it("renders with the values given and nothing outside the brackets", () => {
    const t = createTranslator({ locale: "en", messages: pseudoCatalog(read("en")) });
    const out = t("Observing.triesLeft", { count: 1, minutes: 15 });
    expect(out).toMatch(/^⟦.*15.*⟧$/);
    expect(out).toContain("1 trý");
    expect(t("Observing.added", { name: "Sam" })).toMatch(/^⟦Ýóú .*Sam.*⟧$/);
  });
});
