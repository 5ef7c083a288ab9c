import "server-only";
// An upload as files of UTF-8 CSV text: zips opened (zip.ts; their CSV members named with their folder),
// workbooks and PDFs named, other character sets converted or refused (decode.ts), and each
// file's header read with the delimiter it uses.
import { parse } from "csv-parse";
import { exportAsCsv, notCsv, toUtf8 } from "./decode.ts";
import { detectDelimiter } from "./formats.ts";
import { isZip, openZip } from "./zip.ts";

export type ImportFile = { name: string; data: Uint8Array };
/** A file that could not be read: recorded as the import's message, never a 500. */
export type Unreadable = { name: string; error: string };

/** A zip becomes its CSV entries (folders and macOS metadata left out); anything else is itself. */
export async function expandFiles(files: ImportFile[]): Promise<(ImportFile | Unreadable)[]> {
  const out: (ImportFile | Unreadable)[] = [];
  for (const f of files) {
    if (!isZip(f.data)) {
      out.push(f);
      continue;
    }
    const zip = await openZip(f.data);
    if ("error" in zip)
      out.push({ name: f.name, error: `Couldn't read the zip file ${f.name}: ${zip.error}` });
    // An .xlsx is a zip too: say what it is rather than "no CSV files".
    else if (zip.workbook) out.push({ name: f.name, error: exportAsCsv(f.name, "an Excel workbook") });
    // Named with their folder: two schools' users.csv in one zip stay told apart.
    else if (zip.members.length) out.push(...zip.members);
    else out.push({ name: f.name, error: `The zip file ${f.name} holds no CSV files` });
  }
  return out;
}

/** Each file as UTF-8 text, or why it cannot be read. */
export function decodeFiles(
  files: (ImportFile | Unreadable)[],
  charset?: string,
): (ImportFile | Unreadable)[] {
  return files.map((f) => {
    if ("error" in f) return f;
    const wrong = notCsv(f.name, f.data);
    if (wrong) return { name: f.name, error: wrong };
    const text = toUtf8(f.name, f.data, charset);
    return "error" in text ? { name: f.name, error: text.error } : { name: f.name, data: text.data };
  });
}

export type Delimiter = ReturnType<typeof detectDelimiter>;

/** The header row of a CSV file (an empty list when it has none or cannot be read), and its delimiter. */
export async function readHeader(data: Uint8Array): Promise<{ headers: string[]; delimiter: Delimiter }> {
  const nl = data.indexOf(0x0a);
  const delimiter = detectDelimiter(new TextDecoder().decode(data.subarray(0, nl < 0 ? data.length : nl)));
  const parser = parse(Buffer.from(data), { bom: true, to_line: 1, relax_column_count: true, delimiter });
  try {
    for await (const record of parser)
      return { headers: (record as string[]).map((h) => h.trim()), delimiter };
  } catch {
    return { headers: [], delimiter };
  }
  return { headers: [], delimiter };
}
