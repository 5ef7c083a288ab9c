// A zip bomb (issue 17 §4): a 2 MB zip whose member declares 200 bytes and inflates to 2 GiB is
// refused after inflating one chunk, and inflating runs off the event loop, so other requests are
// answered while a large member inflates.
import { constants, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as userRoute from "../../app/api/v1/users/[user_id]/route.ts";
import { inflateCapped, openZip } from "../../lib/imports/zip.ts";
import { send } from "../helpers/api-sis-imports.ts";
import { world } from "../helpers/api-world.ts";
import { importNow, importSchool } from "../helpers/imports.ts";

const MB = 1024 * 1024;

/** Raw deflate of `mb` MiB of zeros, about 1 kB per MiB: one flushed segment repeated, then a final empty block. */
function zeros(mb: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(MB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mb).fill(segment), deflateRawSync(Buffer.alloc(0))]);
}

/** A one-member zip (deflated) that declares `declared` bytes for its member. */
function zipOf(name: string, packed: Buffer, declared: number): Uint8Array {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, n, packed, central, n, end]));
}

describe("zip bombs", () => {
  it("a 2 MB zip whose member declares 200 bytes and inflates to 2 GiB is refused after one chunk", async () => {
    const bomb = zipOf("district/families.csv", zeros(2048), 200);
    expect(bomb.length).toBeGreaterThan(MB);
    expect(bomb.length).toBeLessThan(3 * MB);

    const opened = await openZip(bomb);
    expect(opened).toMatchObject({
      error: "district/families.csv holds more than the 200 bytes it declares",
    });
    // Stopped at the first chunk past the 200 declared bytes, far below the zip's 100× cap.
    expect("inflated" in opened && opened.inflated).toBeLessThanOrEqual(200 + 64 * 1024);

    const s = await importSchool({ students: 1 });
    const done = await importNow(s, [{ name: "bomb.zip", data: bomb }]);
    expect(done.workflow_state).toBe("failed_with_messages");
    expect(done.processing_errors).toEqual([
      [
        "bomb.zip",
        "Couldn't read the zip file bomb.zip: district/families.csv holds more than the 200 bytes it declares",
      ],
    ]);

    // A zip that tells the truth is read as before, its member named with its folder.
    const honest = zipOf("district/empty.csv", deflateRawSync("a,b\n"), 4);
    expect(await openZip(honest)).toEqual({
      members: [{ name: "district/empty.csv", data: new Uint8Array(Buffer.from("a,b\n")) }],
      workbook: false,
    });
  });

  it("inflating runs off the event loop: requests are answered while 2 GiB inflate up to the cap", async () => {
    const w = await world();
    const self = () =>
      send(userRoute.GET, {
        url: "/users/self",
        params: { user_id: "self" },
        host: w.domain,
        token: w.admin.token,
      });
    // The cap a 2 MB zip gets (100 times its size): inflated and counted, then given up.
    const cap = 200 * MB;
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    let inflating = true;
    const inflated = inflateCapped(zeros(2048), cap).finally(() => (inflating = false));
    // Requests made while it inflates are answered while it still inflates.
    const answered: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await self();
      expect(res.status).toBe(200);
      answered.push(inflating);
    }
    const out = await inflated;
    spinning = false;
    expect(answered).toEqual([true, true, true]);
    expect(out.over).toBe(true);
    expect(out.inflated).toBeGreaterThan(cap);
    expect(out.inflated).toBeLessThanOrEqual(cap + 64 * 1024);
    // The event loop turned over and over meanwhile (a synchronous inflate turns it not once).
    expect(turns).toBeGreaterThan(100);
  });
});
