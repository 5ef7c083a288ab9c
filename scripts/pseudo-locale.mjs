// The pseudo-locale, for tests only (docs/i18n.md): every message of messages/en.json wrapped in
// ⟦…⟧, its letters accented and the text lengthened by about 40 %, its ICU placeholders, plurals and
// selects kept as they are. A page rendered in it shows at once a string that bypassed the
// catalogs (no ⟦…⟧) and a layout that breaks with longer text.
// `node scripts/pseudo-locale.mjs [out.json]` writes it (default messages/pseudo.json, git-ignored).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";

const ACCENTS = {
  a: "á",
  e: "é",
  i: "í",
  o: "ó",
  u: "ú",
  y: "ý",
  n: "ñ",
  c: "ç",
  A: "Á",
  E: "É",
  I: "Í",
  O: "Ó",
  U: "Ú",
  Y: "Ý",
  N: "Ñ",
  C: "Ç",
};
const accent = (text) => text.replace(/[aeiouyncAEIOUYNC]/g, (ch) => ACCENTS[ch]);

function pseudoElements(elements) {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, opt]) => [k, { ...opt, value: pseudoElements(opt.value) }]),
      );
      return { ...el, options };
    }
    if (el.type === TYPE.tag) return { ...el, children: pseudoElements(el.children) };
    return el;
  });
}

/** One message in the pseudo-locale. */
export function pseudoMessage(message) {
  const ast = pseudoElements(parse(message, { ignoreTag: true }));
  // About 40 % longer: padding of a length measured on the English text.
  const padding = "·".repeat(Math.max(2, Math.ceil(message.length * 0.4)));
  return `⟦${printAST(ast)}${padding}⟧`;
}

export function pseudoCatalog(messages) {
  return Object.fromEntries(
    Object.entries(messages).map(([k, v]) => [
      k,
      typeof v === "string" ? pseudoMessage(v) : pseudoCatalog(v),
    ]),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const out = process.argv[2] ?? path.join(root, "messages", "pseudo.json");
  const en = JSON.parse(fs.readFileSync(path.join(root, "messages", "en.json"), "utf8"));
  fs.writeFileSync(out, JSON.stringify(pseudoCatalog(en), null, 2) + "\n");
  console.log(`wrote ${out}`);
}
