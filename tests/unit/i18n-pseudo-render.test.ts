// Converted components rendered in the pseudo-locale (scripts/pseudo-locale.mjs): every text a
// person reads comes from the catalog, so none is left outside ⟦…⟧.
import fs from "node:fs";
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withIntl } from "../helpers/intl.ts";
// @ts-expect-error: a plain .mjs script without types
import { pseudoCatalog } from "../../scripts/pseudo-locale.mjs";
import { AppShell } from "../../components/ui/app-shell.tsx";
import { ErrorPanel } from "../../components/ui/error-panel.tsx";
import { NotFoundPanel } from "../../components/ui/status-page.tsx";
import { ConfirmAction } from "../../components/ui/confirm-action.tsx";
import { NavLinks } from "../../components/ui/nav-links.tsx";
import { NewPasswordField } from "../../components/auth/new-password-field.tsx";
import { PairingCodeField } from "../../components/pairing/pairing-code-field.tsx";
import { SignOutButton } from "../../components/ui/sign-out-button.tsx";

const pseudo = pseudoCatalog(JSON.parse(fs.readFileSync("messages/en.json", "utf8")));

/** The page's visible text and labels with every ⟦…⟧ removed: what is left was not translated. */
function untranslated(html: string): string {
  const attrs = [...html.matchAll(/(?:aria-label|placeholder|title|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<[^>]+>/g, " ");
  let all = [text, ...attrs].join(" ");
  // Innermost first: a message may carry another (a value that is itself translated).
  while (/⟦[^⟦⟧]*⟧/.test(all)) all = all.replace(/⟦[^⟦⟧]*⟧/g, " ");
  return all
    .replace(/&[a-z#0-9]+;/g, " ")
    .replace(/[\s·:.,()]+/g, " ")
    .trim();
}

const render = (node: Parameters<typeof withIntl>[0]) => renderToStaticMarkup(withIntl(node, "en", pseudo));

describe("the pseudo-locale", () => {
  it("the app shell, the 404 and the error page have no text outside the catalog", () => {
    expect(untranslated(render(h(AppShell, null, h(NotFoundPanel))))).toBe("");
    expect(untranslated(render(h(ErrorPanel, { error: new Error("x"), reset: () => {} })))).toBe("");
  });

  it("the family forms' shared parts have no text outside the catalog", () => {
    const out = render(
      h("div", null, [
        h(NavLinks, { key: 1, menu: "main", items: [] }),
        h(NewPasswordField, { key: 2, label: "⟦L⟧", rules: ["⟦r⟧"], state: {} }),
        h(PairingCodeField, { key: 3, hint: "⟦h⟧" }),
        h(SignOutButton, { key: 4 }),
        h(ConfirmAction, {
          key: 5,
          action: async () => ({}),
          fields: {},
          trigger: "⟦t⟧",
          title: "⟦T⟧",
          description: "⟦d⟧",
          confirm: "⟦c⟧",
        }),
      ]),
    );
    expect(untranslated(out)).toBe("");
  });

  it("finds a text that is not translated", () => {
    expect(untranslated(render(h("p", null, "⟦ok⟧ Sign in")))).toBe("Sign in");
  });
});
