import "server-only";
import QRCode from "qrcode";

/**
 * The parent registration link a QR code carries: the code and the root account prefilled, like
 * Canvas's mobile QR codes (code + account). `origin` is the site the student is using.
 */
export function registrationLink(origin: string, input: { code: string; rootAccountId: number }): string {
  const url = new URL("/register", origin);
  url.searchParams.set("code", input.code);
  url.searchParams.set("account", String(input.rootAccountId));
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

/**
 * The QR image and link for a freshly made code: on APP_URL when set, else on the site this
 * request came to (https only when a configured, trusted proxy says so — not any client).
 */
export async function pairingQr(
  input: { code: string; rootAccountId: number },
  host: string | null,
  proto: string | null,
) {
  const trustedProto = process.env.TRUSTED_PROXY_HEADER && proto === "https" ? "https" : "http";
  const origin = process.env.APP_URL || `${trustedProto}://${host ?? "localhost"}`;
  const link = registrationLink(origin, input);
  return { link, svg: await qrSvg(link) };
}
