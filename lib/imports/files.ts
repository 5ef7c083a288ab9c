import "server-only";
// An upload as files of UTF-8 CSV text: zips opened (their CSV members named with their folder),
// workbooks and PDFs named, other character sets converted or refused (decode.ts), and each
// file's header read with the delimiter it uses.
import { parse } from "csv-parse";
import { unzipSync } from "fflate";
import { exportAsCsv, notCsv, toUtf8 } from "./decode.ts";
import { detectDelimiter } from "./formats.ts";

export type ImportFile = { name: string; data: Uint8Array };
/** A file that could not be read: recorded as the import's message, never a 500. */
export type Unreadable = { name: string; error: string };

const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

// A zip may not expand past this (Canvas refuses more than 100× its size): a bomb stays a zip.
const MAX_EXPANSION = 100;
const MAX_EXPANDED_BYTES = 500 * 1024 * 1024;

/** A zip becomes its CSV entries (folders and macOS metadata left out); anything else is itself. */
export function expandFiles(files: ImportFile[]): (ImportFile | Unreadable)[] {
  return files.flatMap((f): (ImportFile | Unreadable)[] => {
    if (!isZip(f.data)) return [f];
    let expanded = 0;
    let workbook = false;
    try {
      const entries = unzipSync(f.data, {
        filter: (e) => {
          if (e.name === "xl/workbook.xml") workbook = true;
          const wanted = e.name.toLowerCase().endsWith(".csv") && !e.name.startsWith("__MACOSX/");
          if (wanted) expanded += e.originalSize;
          if (expanded > Math.min(MAX_EXPANDED_BYTES, MAX_EXPANSION * f.data.length))
            throw new Error("it expands to more than 100 times its size");
          return wanted;
        },
      });
      // An .xlsx is a zip too: say what it is rather than "no CSV files".
      if (workbook) return [{ name: f.name, error: exportAsCsv(f.name, "an Excel workbook") }];
      // Named with their folder: two schools' users.csv in one zip stay told apart.
      const csvs = Object.entries(entries).map(([name, data]) => ({ name, data }));
      return csvs.length ? csvs : [{ name: f.name, error: `The zip file ${f.name} holds no CSV files` }];
    } catch (err) {
      return [{ name: f.name, error: `Couldn't read the zip file ${f.name}: ${(err as Error).message}` }];
    }
  });
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
