import "server-only";
// Opening an uploaded zip without trusting it. Its central directory is read for the names and
// declared sizes; each CSV member is then inflated as a stream by node:zlib, whose work runs on
// libuv's thread pool, one 64 kB chunk at a time, so the request's event loop keeps answering
// others. A running byte count stops inflating the moment a member passes the size it declared or
// the whole zip passes its cap: a 2 MB zip that claims 200 bytes and inflates to 2 GiB costs one chunk.
import { createInflateRaw } from "node:zlib";

/** Canvas refuses a zip that expands past 100 times its size; never more than this in all. */
export const MAX_EXPANSION = 100;
export const MAX_EXPANDED_BYTES = 500 * 1024 * 1024;
const CHUNK = 64 * 1024;

export type ZipMember = { name: string; data: Uint8Array };
export type OpenedZip =
  | { members: ZipMember[]; workbook: boolean }
  /** `inflated`: bytes inflated before giving up (bounded by the cap plus one chunk). */
  | { error: string; inflated: number };

type Entry = { name: string; method: number; flags: number; packed: number; size: number; offset: number };

export const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

/** The central directory's entries (throws on a zip it cannot read). */
function directory(data: Uint8Array): Entry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error("it has no central directory (damaged or cut short)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  const names = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== 0x02014b50)
      throw new Error("its central directory is damaged");
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      packed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: names.decode(data.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.packed === 0xffffffff || entry.size === 0xffffffff || entry.offset === 0xffffffff)
      throw new Error(
        `${entry.name} is stored as ZIP64, which is not read here (zip files of under 4 GB only)`,
      );
    entries.push(entry);
    at += 46 + skip;
  }
  return entries;
}

/** The member's compressed bytes, found through its local header. */
function packedBytes(data: Uint8Array, e: Entry): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (e.offset + 30 > data.length || view.getUint32(e.offset, true) !== 0x04034b50)
    throw new Error(`${e.name} is damaged`);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  if (start + e.packed > data.length) throw new Error(`${e.name} is cut short`);
  return data.subarray(start, start + e.packed);
}

/**
 * Inflates raw deflate data as a stream, giving up once more than `budget` bytes come out.
 * `over` says it gave up; `inflated` counts what came out until then.
 */
export function inflateCapped(
  packed: Uint8Array,
  budget: number,
): Promise<{ data: Uint8Array; inflated: number; over: boolean }> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK });
    const chunks: Buffer[] = [];
    let inflated = 0;
    let settled = false;
    inflate.on("data", (chunk: Buffer) => {
      if (settled) return;
      inflated += chunk.length;
      if (inflated > budget) {
        settled = true;
        inflate.destroy();
        resolve({ data: new Uint8Array(0), inflated, over: true });
        return;
      }
      chunks.push(chunk);
    });
    inflate.on("error", (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    inflate.on("end", () => {
      if (settled) return;
      settled = true;
      const all = Buffer.concat(chunks);
      resolve({ data: new Uint8Array(all.buffer, all.byteOffset, all.length), inflated, over: false });
    });
    // Fed a slice at a time, so the first chunks are counted before the rest is even handed over.
    let at = 0;
    const feed = () => {
      while (!settled && at < packed.length) {
        const slice = packed.subarray(at, at + CHUNK);
        at += slice.length;
        if (!inflate.write(slice)) return void inflate.once("drain", feed);
      }
      if (!settled) inflate.end();
    };
    feed();
  });
}

const wanted = (name: string) => name.toLowerCase().endsWith(".csv") && !name.startsWith("__MACOSX/");

/**
 * The CSV members of a zip (named with their folder path), and whether it is an Excel workbook
 * (an .xlsx is a zip too); or why it cannot be opened.
 */
export async function openZip(data: Uint8Array): Promise<OpenedZip> {
  const cap = Math.min(MAX_EXPANDED_BYTES, MAX_EXPANSION * data.length);
  const tooBig = `it expands to more than ${MAX_EXPANSION} times its size`;
  let inflated = 0;
  try {
    const entries = directory(data);
    if (entries.some((e) => e.name === "xl/workbook.xml")) return { members: [], workbook: true };
    const csvs = entries.filter((e) => wanted(e.name));
    // What the zip declares is refused before anything is inflated…
    if (csvs.reduce((sum, e) => sum + e.size, 0) > cap) return { error: tooBig, inflated };
    const members: ZipMember[] = [];
    for (const e of csvs) {
      if (e.flags & 1) throw new Error(`${e.name} is encrypted`);
      const packed = packedBytes(data, e);
      if (e.method === 0) {
        members.push({ name: e.name, data: packed.slice(0, e.size) });
        inflated += e.size;
        continue;
      }
      if (e.method !== 8)
        throw new Error(`${e.name} is compressed in a way not read here (method ${e.method})`);
      // …and what it holds is counted as it inflates: a member larger than it says is a lie (or
      // damage), and the whole may not pass the cap whatever the members claim.
      const out = await inflateCapped(packed, Math.min(e.size, cap - inflated));
      inflated += out.inflated;
      if (out.over)
        return {
          error: out.inflated > e.size ? `${e.name} holds more than the ${e.size} bytes it declares` : tooBig,
          inflated,
        };
      members.push({ name: e.name, data: out.data });
    }
    return { members, workbook: false };
  } catch (err) {
    return { error: (err as Error).message, inflated };
  }
}
