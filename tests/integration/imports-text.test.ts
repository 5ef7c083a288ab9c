// Issue 17: a file's text is never stored wrong. Bytes that are not UTF-8 are refused unless a
// charset is declared; a corrected re-import fixes the name; workbooks, PDFs, near-miss headers,
// empty rows and header-only files are each told apart.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

const HEADER = "student_sis_id,guardian_email,guardian_name";
const latin1 = (name: string, lines: string[]) => ({
  name,
  data: Buffer.from(lines.join("\n") + "\n", "latin1"),
});
const nameOf = (schoolId: number, login: string) =>
  db.login
    .findFirst({
      where: { rootAccountId: schoolId, uniqueIdNormalized: login },
      select: { user: { select: { name: true } } },
    })
    .then((l) => l?.user.name ?? null);

describe("import text", () => {
  it("Windows-1252 is refused as Invalid UTF-8, converted when declared; a corrected re-import updates the name", async () => {
    const s = await importSchool({ students: 1 });
    const email = `ines.${s.tag}@home.test`;
    const lines = [HEADER, `${s.students[0].sis},${email},Inés Muñoz`];

    const refused = await importNow(s, [latin1("families.csv", lines)]);
    expect(refused.workflow_state).toBe("failed_with_messages");
    expect(refused.processing_errors[0][1]).toMatch(/^Invalid UTF-8 in families\.csv \(line 2\)/);
    expect(await nameOf(s.account.id, email)).toBeNull();

    const converted = await importNow(s, [latin1("families.csv", lines)], { charset: "windows-1252" });
    expect(converted.workflow_state).toBe("imported");
    expect(await nameOf(s.account.id, email)).toBe("Inés Muñoz");

    // The name as the broken import of old stored it, then the SIS's corrected file.
    await db.user.updateMany({
      where: { logins: { some: { uniqueIdNormalized: email } } },
      data: { name: "In\uFFFDs Mu\uFFFDoz" },
    });
    const fixed = await importNow(s, [csvFile("families.csv", lines)]);
    expect(fixed.data.counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await nameOf(s.account.id, email)).toBe("Inés Muñoz");

    // A name left without a guardian_name keeps the stored one.
    const unnamed = await importNow(s, [csvFile("families.csv", [HEADER, `${s.students[0].sis},${email},`])]);
    expect(unnamed.data.counts).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await nameOf(s.account.id, email)).toBe("Inés Muñoz");
  });

  it("a U+FFFD already in the file is a row error, never a stored name; an unknown charset is a 400", async () => {
    const s = await importSchool({ students: 1 });
    const email = `bad.${s.tag}@home.test`;
    const done = await importNow(s, [
      csvFile("families.csv", [HEADER, `${s.students[0].sis},${email},In\uFFFDs`]),
    ]);
    expect(done.processing_warnings[0][1]).toMatch(/holds the character "\uFFFD"/);
    expect(await nameOf(s.account.id, email)).toBeNull();
    expect(await db.user.count({ where: { name: { contains: "\uFFFD" } } })).toBe(0);
    await expect(importNow(s, [csvFile("f.csv", [HEADER])], { charset: "klingon" })).rejects.toThrow(
      /charset|character set/,
    );
  });

  it("a workbook or a PDF is told to be exported as CSV UTF-8; a near-miss header names its missing column", async () => {
    const s = await importSchool({ students: 1 });
    const xls = {
      name: "families.xls",
      data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    };
    const xlsx = {
      name: "families.xlsx",
      data: zipSync({ "[Content_Types].xml": new Uint8Array([60]), "xl/workbook.xml": new Uint8Array([60]) }),
    };
    const pdf = { name: "families.pdf", data: new TextEncoder().encode("%PDF-1.7\n...") };
    for (const f of [xls, xlsx, pdf]) {
      const done = await importNow(s, [f]);
      expect.soft(done.workflow_state).toBe("failed_with_messages");
      expect.soft(done.processing_errors[0][1]).toContain(`${f.name} is a`);
      expect.soft(done.processing_errors[0][1]).toContain('export it as "CSV UTF-8"');
    }
    const near = await importNow(s, [csvFile("families.csv", ["student_sis_id,guardian_name", "S1,Pat"])]);
    expect(near.processing_errors[0][1]).toBe(
      "families.csv looks like a family roster but has no guardian_email column",
    );
    const obs = await importNow(s, [csvFile("user_observers.csv", ["observer_id,student_id", "P1,S1"])]);
    expect(obs.processing_errors[0][1]).toBe(
      "user_observers.csv looks like a Canvas user_observers.csv but has no status column",
    );
  });

  it("empty rows are skipped silently, a header-only file warns, semicolons and UTF-16 tabs are read", async () => {
    const s = await importSchool({ students: 2 });
    const [a, b] = s.students;
    const done = await importNow(s, [
      csvFile("families.csv", [HEADER, ",,", `${a.sis},pat.${s.tag}@home.test,Pat`, " , , ", ""]),
      csvFile("empty.csv", [HEADER]),
    ]);
    expect(done.data.counts).toMatchObject({ families: 1, created: 1 });
    expect(done.processing_warnings).toEqual([["empty.csv", "empty.csv has a header but no data rows"]]);

    const semi = await importNow(s, [
      csvFile("semi.csv", [HEADER.replaceAll(",", ";"), `${b.sis};lee.${s.tag}@home.test;Lee Léa`]),
    ]);
    expect(semi.data.counts).toMatchObject({ families: 1, created: 1 });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        [HEADER.replaceAll(",", "\t"), `${b.sis}\tkim.${s.tag}@home.test\tKim Kröger`].join("\r\n"),
        "utf16le",
      ),
    ]);
    const tab = await importNow(s, [{ name: "unicode.txt.csv", data: utf16 }]);
    expect(tab.data.counts).toMatchObject({ families: 1, created: 1 });
    expect(await nameOf(s.account.id, `kim.${s.tag}@home.test`)).toBe("Kim Kröger");
  });

  it("rows that disagree about the same pair or user are warned about, naming the rows", async () => {
    const s = await importSchool({ students: 2 });
    const [a, b] = s.students;
    const pat = `pat.${s.tag}@home.test`;
    const done = await importNow(s, [
      csvFile("families.csv", [
        `${HEADER},status`,
        `${a.sis},${pat},Pat Parent,active`,
        `${b.sis},${pat},Pat Parent,active`,
        `${a.sis},${pat.toUpperCase()},Pat Parnet,deleted`,
        `${b.sis},${pat},Pat Parent,active`, // the same row twice: no disagreement
      ]),
      csvFile("user_observers.csv", [
        "observer_id,student_id,status",
        `P1,${a.sis},active`,
        `P1,${a.sis},deleted`,
      ]),
    ]);
    expect(done.processing_warnings.slice(0, 2)).toEqual([
      [
        "families.csv",
        `Rows 2, 4 of families.csv disagree about guardian ${pat} and student ${a.sis} (status, name): check which is right`,
      ],
      [
        "user_observers.csv",
        `Rows 2, 3 of user_observers.csv disagree about observer P1 and student ${a.sis} (status): check which is right`,
      ],
    ]);
  });
});
