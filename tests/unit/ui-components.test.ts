// The shared components that pages and forms now draw from, rendered to HTML: the markup that the
// labels, roles and aria attributes of the Playwright tests rely on.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withIntl } from "../helpers/intl.ts";
import { NewPasswordField } from "../../components/auth/new-password-field.tsx";
import { ConfirmAction } from "../../components/ui/confirm-action.tsx";
import { DataTable } from "../../components/ui/data-table.tsx";
import { Field } from "../../components/ui/field.tsx";
import { NavLinks } from "../../components/ui/nav-links.tsx";
import { Page } from "../../components/ui/page.tsx";
import { Pagination } from "../../components/ui/pagination.tsx";
import { PlainField } from "../../components/ui/plain-field.tsx";
import { RowList } from "../../components/ui/row-list.tsx";

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(withIntl(el));

describe("Field with the action state", () => {
  const state = {
    ok: false,
    values: { email: "kim@example.test" },
    fieldErrors: { email: ["Enter an email."] },
  };

  it("puts back the typed value and describes its error, announced", () => {
    const out = html(h(Field, { label: "Email", name: "email", state }));
    expect(out).toContain('<label for="field-email"');
    expect(out).toContain('value="kim@example.test"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('aria-describedby="field-email-error"');
    expect(out).toMatch(/<p id="field-email-error" aria-live="polite"[^>]*>Enter an email\.<\/p>/);
  });

  it("explicit errors and values win over the state's", () => {
    const out = html(
      h(Field, { label: "Email", name: "email", state, errors: ["Other."], defaultValue: "x" }),
    );
    expect(out).toContain('value="x"');
    expect(out).toContain(">Other.</p>");
  });

  it("a new password shows its rules as the hint and is never filled in from the state", () => {
    const out = html(
      h(NewPasswordField, {
        label: "Password",
        rules: ["At least 10 characters", "not your email"],
        state: { values: { password: "leak" } as Record<string, string> },
      }),
    );
    expect(out).toContain("Password rules: At least 10 characters; not your email.");
    expect(out).toMatch(/autocomplete="new-password"/i);
    expect(out).toContain('aria-describedby="field-password-hint field-password-error"');
    expect(out).not.toContain("leak");
  });
});

describe("page and list components", () => {
  it("Page: back link, one h1, lead", () => {
    const out = html(
      h(Page, {
        title: "Access tokens",
        back: { href: "/settings", label: "Settings" },
        lead: "Lead.",
        children: "body",
      }),
    );
    expect(out).toMatch(/<a[^>]*href="\/settings"[^>]*>← Settings<\/a>/);
    expect(out.match(/<h1/g)).toHaveLength(1);
    expect(out).toContain("Access tokens</h1>");
    expect(out).toContain("Lead.</p>");
  });

  it("NavLinks: a named landmark without the hidden items", () => {
    const out = html(
      h(NavLinks, {
        menu: "admin",
        items: [
          { href: "/admin/users", text: "Users" },
          { href: "/admin/settings", text: "Account settings", show: false },
        ],
      }),
    );
    expect(out).toContain('<nav aria-label="Admin"');
    expect(out).toContain(">Users</a>");
    expect(out).not.toContain("Account settings");
  });

  it("DataTable: column headers, a cell per column, stacked cells name themselves", () => {
    const out = html(
      h(DataTable<{ id: number; name: string }>, {
        label: "People table",
        caption: "People",
        columns: [{ header: "Name", cell: (r) => r.name }],
        rows: [{ id: 1, name: "Sam" }],
        stacked: true,
      }),
    );
    expect(out).toContain('role="region" aria-label="People table" tabindex="0"');
    expect(out).toContain('<caption class="sr-only">People</caption>');
    expect(out).toMatch(/<th scope="col"[^>]*>Name<\/th>/);
    expect(out).toMatch(/<td data-label="Name"[^>]*>Sam<\/td>/);
  });

  it("Pagination: nothing for one page; previous and next around the current one", () => {
    const href = (p: number) => `/x?page=${p}`;
    expect(
      html(h(Pagination, { label: "X pages", page: { page: 1, perPage: 10, offset: 0 }, total: 10, href })),
    ).toBe("");
    const out = html(
      h(Pagination, { label: "X pages", page: { page: 2, perPage: 10, offset: 10 }, total: 25, href }),
    );
    expect(out).toContain('<nav aria-label="X pages"');
    expect(out).toContain('href="/x?page=1"');
    expect(out).toContain('href="/x?page=3"');
    expect(out).toContain("Page 2 of 3");
  });

  it("RowList: the empty line, or a named list with a row per item", () => {
    const render = (items: { id: number; name: string }[]) =>
      html(
        h(RowList<{ id: number; name: string }>, {
          label: "Your tokens",
          empty: "None.",
          items,
          children: (t) => t.name,
        }),
      );
    expect(render([])).toBe('<p class="text-slate-700">None.</p>');
    const out = render([
      { id: 1, name: "A" },
      { id: 2, name: "B" },
    ]);
    expect(out).toContain('<ul class="divide-y divide-slate-200" aria-label="Your tokens">');
    expect(out.match(/<li /g)).toHaveLength(2);
  });

  it("PlainField: a labelled select with its options and the chosen one", () => {
    const out = html(
      h(PlainField, {
        id: "audit-method",
        label: "Method",
        name: "method",
        defaultValue: "qr",
        options: [
          { value: "", text: "Any method" },
          { value: "qr", text: "QR code" },
        ],
      }),
    );
    expect(out).toContain('<label for="audit-method"');
    expect(out).toContain('<option value="qr" selected="">QR code</option>');
  });

  it("ConfirmAction: the trigger is named '<trigger> <subject>', or by its text alone", async () => {
    const action = async () => ({});
    const props = { action, fields: {}, trigger: "Unlink", title: "T", description: "D", confirm: "C" };
    expect(html(h(ConfirmAction, { ...props, subject: "Sam" }))).toContain('aria-label="Unlink Sam"');
    expect(html(h(ConfirmAction, props))).not.toContain("aria-label=");
  });
});
