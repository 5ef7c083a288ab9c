// What a file's bytes are before they are read as CSV: a workbook or a PDF is named as such, text
// that is not UTF-8 is refused (Canvas: "All text should be UTF-8 encoded") unless the uploader
// declared its charset, and a U+FFFD is never let through to be stored as someone's name.

/** Canvas's message for bytes that are not UTF-8; the rest of ours says how to fix it. */
export const INVALID_UTF8 = "Invalid UTF-8";

const startsWith = (d: Uint8Array, bytes: number[]) => bytes.every((b, i) => d[i] === b);
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls (and old .doc)
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

export const exportAsCsv = (name: string, what: string) =>
  `${name} is ${what}, not a CSV file: export it as "CSV UTF-8" (in Excel: File → Save As → CSV UTF-8) and upload that`;

/** A format people upload by mistake, named; null when the bytes may be text. */
export function notCsv(name: string, data: Uint8Array): string | null {
  if (startsWith(data, OLE2)) return exportAsCsv(name, "an Excel workbook");
  if (startsWith(data, PDF)) return exportAsCsv(name, "a PDF document");
  return null;
}

/** Is `label` a character set this server can convert from? (WHATWG labels, as browsers know them.) */
export function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Where the first undecodable byte is, as "line N" (1-based), for the message. */
function lineOf(data: Uint8Array): number {
  let line = 1;
  let i = 0;
  const fatal = new TextDecoder("utf-8", { fatal: true });
  // Decode line by line: the first line that does not decode holds the bad byte.
  while (i < data.length) {
    let end = data.indexOf(0x0a, i);
    if (end < 0) end = data.length;
    try {
      fatal.decode(data.subarray(i, end));
    } catch {
      return line;
    }
    i = end + 1;
    line++;
  }
  return line;
}

/**
 * The file's text as UTF-8 bytes, or why it cannot be read. A declared `charset` is converted
 * from; otherwise a UTF-16 byte-order mark (Excel's "Unicode text") is honoured and anything else
 * must be valid UTF-8.
 */
export function toUtf8(
  name: string,
  data: Uint8Array,
  charset?: string,
): { data: Uint8Array } | { error: string } {
  let text: string;
  if (charset) text = new TextDecoder(charset).decode(data);
  else if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff]))
    text = new TextDecoder(data[0] === 0xff ? "utf-16le" : "utf-16be").decode(data);
  else {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(data);
      return { data };
    } catch {
      return {
        error: `${INVALID_UTF8} in ${name} (line ${lineOf(data)}): save it as "CSV UTF-8", or declare its character set (charset=windows-1252, for example) when uploading`,
      };
    }
  }
  if (text.includes("\uFFFD"))
    return {
      error: `${INVALID_UTF8} in ${name}: it does not read as ${charset ?? "UTF-16"} (a character could not be converted); check the character set`,
    };
  return { data: new TextEncoder().encode(text) };
}
