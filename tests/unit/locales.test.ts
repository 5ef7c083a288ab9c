// Which language a person reads (lib/platform/locales.ts, docs/i18n.md): their choice, the
// switcher's cookie, the browser's Accept-Language, then the school's default.
import { describe, expect, it } from "vitest";
import { chooseLocale, negotiateLocale, recipientLocale } from "../../lib/platform/locales.ts";

describe("locales", () => {
  it("negotiates Accept-Language by quality, by language when the region differs", () => {
    expect(negotiateLocale("es-ES")).toBe("es");
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.5")).toBe("es");
    expect(negotiateLocale("en-US,en;q=0.9,es;q=0.8")).toBe("en");
    expect(negotiateLocale("fr;q=1, es;q=0.5")).toBe("es");
    expect(negotiateLocale("en;q=0.2, es;q=0.9")).toBe("es");
    expect(negotiateLocale("fr-FR, de")).toBeNull();
    expect(negotiateLocale("*")).toBeNull();
    expect(negotiateLocale("es;q=0")).toBeNull();
    expect(negotiateLocale("<script>, ;;;, es")).toBe("es");
    expect(negotiateLocale(undefined)).toBeNull();
  });

  it("the user's choice, then the cookie, then the browser, then the school", () => {
    const all = { userLocale: "en", cookieLocale: "es", acceptLanguage: "es", schoolDefault: "es" };
    expect(chooseLocale(all)).toBe("en");
    expect(chooseLocale({ ...all, userLocale: null, cookieLocale: "en" })).toBe("en");
    expect(chooseLocale({ ...all, userLocale: null, cookieLocale: "xx", acceptLanguage: "en-GB" })).toBe(
      "en",
    );
    expect(chooseLocale({ acceptLanguage: "fr", schoolDefault: "es" })).toBe("es");
    expect(chooseLocale({ acceptLanguage: "fr" })).toBe("en");
    expect(recipientLocale(null, "es")).toBe("es");
    expect(recipientLocale("en", "es")).toBe("en");
  });
});
