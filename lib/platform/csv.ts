import "server-only";
import { stringify } from "csv-stringify/sync";

// Spreadsheet programs run a cell starting with = + - @ (or a tab or carriage return) as a
// formula. Names in these files are typed by users (a self-registered parent chooses their own),
// so such cells get a leading apostrophe, which spreadsheets show as plain text (OWASP's advice).
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV file with a header row; every cell made spreadsheet-safe. */
export function toCsv(rows: string[][], columns: string[]): string {
  return stringify(
    rows.map((r) => r.map(spreadsheetSafe)),
    { header: true, columns },
  );
}

/** Some rows of a CSV file streamed in parts (the header is the first part's row); every cell spreadsheet-safe. */
export function csvRows(rows: string[][]): string {
  return stringify(rows.map((r) => r.map(spreadsheetSafe)));
}
