import { describe, expect, it } from "vitest";
import { plainTextName } from "../../lib/mail/texts.ts";

// What mail clients' autolinkers look for: a scheme, "www.", a host name, an address.
const LINKY = /:\/\/|www\.|@|[\p{L}\p{N}][.\u3002\uFF0E\uFF61][\p{L}\p{N}]{2,}/u;

describe("plainTextName", () => {
  it("keeps ordinary names as they are", () => {
    for (const name of ["Pat Parent", "J.R. Smith", "Zoë O'Brien-Ng", "María José", "李小龍"])
      expect(plainTextName(name)).toBe(name);
  });

  it("leaves nothing a mail client would turn into a link", () => {
    const cases = {
      "www.evil.example": "www[.]evil[.]example",
      "https://evil.example/login": "https[:]//evil[.]example/login",
      "pay@evil.example": "pay[at]evil[.]example",
      "Visit evil.example now": "Visit evil[.]example now",
      "evil\u3002example": "evil[.]example",
    };
    for (const [name, shown] of Object.entries(cases)) {
      expect(plainTextName(name)).toBe(shown);
      expect(plainTextName(name)).not.toMatch(LINKY);
    }
  });

  it("removes direction overrides and line breaks that could disguise or split the text", () => {
    expect(plainTextName("Pat\u202Etnerap")).toBe("Pattnerap");
    expect(plainTextName("Pat\r\nSubject: hi")).toBe("Pat Subject: hi");
  });
});
