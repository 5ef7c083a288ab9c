import { test, expect } from "./fixtures.ts";
import type { Page } from "@playwright/test";
import { defaultRootAccount, makeCourse, makeStudent, uid } from "../helpers/factory.ts";
import { checkPage } from "./axe.ts";
import { codeFor } from "./helpers.ts";

// Issue 21: a parent whose browser asks for Spanish registers with a pairing code and lands on
// their students, reading no English on the way, and is emailed in Spanish; then the same journey
// in the pseudo-locale (i18n/pseudo.ts, tests only) shows no text outside ⟦…⟧ and no overflow.
test.describe.configure({ timeout: 180_000 });

// Words that give away an English page (the school's and people's names aside).
const ENGLISH =
  /\b(Sign|Create|Password|Email|Your|Student|Students|Add|Settings|Notifications|Observing|Already|Course|Skip|Language|the|and|you|with|account|code)\b/;

async function englishOn(page: Page): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const labels = await page
    .locator("[aria-label], [placeholder], [title]")
    .evaluateAll((els) =>
      els.flatMap((el) => ["aria-label", "placeholder", "title"].map((a) => el.getAttribute(a) ?? "")),
    );
  return [text, ...labels]
    .join("\n")
    .split("\n")
    .filter((line) => ENGLISH.test(line.replace(/Test District|English/g, "")));
}

/** A student in one course with a Spanish name (the factory's are "Course …"), and their code. */
async function newStudentCode() {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Camila Ortega ${uid()}`, courses: 0 });
  const course = await makeCourse(account.id, `Matemáticas ${uid()}`);
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  return { account, student, course, code: await codeFor(student, account.id) };
}

test.describe("in Spanish", () => {
  test.use({ locale: "es-ES" });

  test("a parent registers with a code and links, reading no English, and is emailed in Spanish", async ({
    page,
  }) => {
    const { student, course, code } = await newStudentCode();
    await page.goto(`/register?code=${code}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Registro de familias" })).toBeVisible();
    expect(await englishOn(page)).toEqual([]);
    await checkPage(page, "es-register");

    const email = `lucia-${uid()}@home.test`;
    await page.getByLabel("Su nombre completo").fill(`Lucía Pérez ${uid()}`);
    await page.getByLabel("Correo electrónico").fill(email);
    await page.getByLabel("Contraseña").fill("corta");
    await page.getByRole("button", { name: "Crear cuenta" }).click();
    await expect(page.getByText("Use al menos 10 caracteres.")).toBeVisible();
    expect(await englishOn(page)).toEqual([]);
    await checkPage(page, "es-register-errors");

    await page.getByLabel("Contraseña").fill("una-frase-bastante-larga");
    await page.getByRole("button", { name: "Crear cuenta" }).click();
    await expect(page).toHaveURL(/\/observing\?added=/);
    await expect(page.getByText(`Ya puede seguir a ${student.name}.`)).toBeVisible();
    await expect(
      page.getByRole("list", { name: "Estudiantes que sigue" }).getByText(student.name),
    ).toBeVisible();
    await expect(
      page.getByRole("list", { name: `Cursos de ${student.name}` }).getByText(course.name),
    ).toBeVisible();
    expect(await englishOn(page)).toEqual([]);
    await checkPage(page, "es-observing");

    const { db } = await import("../../lib/platform/db.ts");
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toBe("Le damos la bienvenida a Test District: su cuenta de familia está lista");
    expect(mail.text).toMatch(/^Hola, Lucía Pérez/);
    expect(mail.text).toContain("Qué hacer ahora");
    expect(mail.text).not.toMatch(ENGLISH);
  });

  test("the switcher on the sign-in page changes the language, and it stays", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await page.goto("/register");
    await expect(page.getByRole("heading", { name: "Parent registration" })).toBeVisible();
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { name: "Registro de familias" })).toBeVisible();
  });
});

test("a code link printed in Spanish opens in Spanish for an English browser", async ({ page }) => {
  const { account, code } = await newStudentCode();
  await page.goto(`/register?code=${code}&account=${account.id}&lang=es`);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: /Iniciar sesión/ })).toBeVisible();
});

test("the pseudo-locale: the register and Observing pages have nothing outside ⟦…⟧ and fit 390 px", async ({
  page,
  baseURL,
}) => {
  await page.context().addCookies([{ name: "locale", value: "en-XA", url: baseURL! }]);
  const { student, course, code } = await newStudentCode();
  await page.setViewportSize({ width: 390, height: 844 });
  const outside = async () => {
    let text = await page.locator("body").innerText();
    while (/⟦[^⟦⟧]*⟧/.test(text)) text = text.replace(/⟦[^⟦⟧]*⟧/g, " ");
    // What people typed or are named, and the code itself, are not the app's words.
    for (const own of [student.name, course.name, code, "English", "Español"])
      text = text.split(own).join(" ");
    return text.replace(/[\s·.,:()→]+/g, " ").trim();
  };
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.goto(`/register?code=${code}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  expect(await outside()).toBe("");
  expect(await fits()).toBe(true);
  const name = `Pat ${uid()}`;
  await page.locator("#field-name").fill(name);
  await page.locator("#field-unique_id").fill(`pat-${uid()}@home.test`);
  await page.locator("#field-password").fill("a-long-enough-passphrase");
  await page.locator('button[type="submit"]').last().click();
  await expect(page).toHaveURL(/\/observing\?added=/);
  const rest = (await outside()).split(name).join(" ").trim();
  expect(rest).toBe("");
  expect(await fits()).toBe(true);
});
