import "server-only";
import QRCode from "qrcode";

/**
 * The parent registration link a QR code carries: the code and the root account prefilled, like
 * Canvas's mobile QR codes (code + account), and `lang`, the language it was shown or printed in
 * (the page opens in it unless the family chose another: proxy.ts). `origin` is the site the
 * student is using.
 */
export function registrationLink(
  origin: string,
  input: { code: string; rootAccountId: number; lang?: string },
): string {
  const url = new URL("/register", origin);
  url.searchParams.set("code", input.code);
  url.searchParams.set("account", String(input.rootAccountId));
  if (input.lang) url.searchParams.set("lang", input.lang);
  return url.toString();
}

/** A QR code as inline SVG, rendered on the server so the browser downloads no QR library. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

/** The QR image and link for a freshly made code, on its school's canonical origin (lib/accounts/origin.ts). */
export async function pairingQr(
  input: { code: string; rootAccountId: number; lang?: string },
  origin: string,
) {
  const link = registrationLink(origin, input);
  return { link, svg: await qrSvg(link) };
}
