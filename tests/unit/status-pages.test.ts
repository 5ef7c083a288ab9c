// The pages shown instead of a dead end, rendered to HTML: one h1, what happened in words, and
// the ways on (home; try again; a reference for the help desk when Next gives one).
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withIntl } from "../helpers/intl.ts";
import { ErrorPanel } from "../../components/ui/error-panel.tsx";
import { AppShell } from "../../components/ui/app-shell.tsx";
import { NotFoundPanel } from "../../components/ui/status-page.tsx";

describe("status pages", () => {
  it("the error page offers to try again, the way home and the help desk's reference", () => {
    const error = Object.assign(new Error("secret internals"), { digest: "4021897337" });
    const out = renderToStaticMarkup(withIntl(h(ErrorPanel, { error, reset: () => {} })));
    expect(out.match(/<h1/g)).toHaveLength(1);
    expect(out).toContain("Something went wrong");
    expect(out).toContain('<button type="button"');
    expect(out).toContain("Try again");
    expect(out).toContain('href="/"');
    expect(out).toContain("4021897337");
    // The error's message stays on the server's side of the page.
    expect(out).not.toContain("secret internals");
    expect(
      renderToStaticMarkup(withIntl(h(ErrorPanel, { error: new Error("x"), reset: () => {} }))),
    ).not.toContain("Reference");
  });

  it("the 404 outside the signed-in layout has the app's header and a main landmark", () => {
    const out = renderToStaticMarkup(withIntl(h(AppShell, null, h(NotFoundPanel))));
    expect(out).toContain("<header");
    expect(out).toContain('<main id="main"');
    expect(out).toContain("Page not found");
    expect(out).toContain("Go to your home page");
  });
});
