// The emails a bulk import sends to the people it made accounts for or linked. An email out of the
// blue that says only "choose your password" reads like phishing, so each one says who is writing
// (the school), what happened and why (the school's records), who it concerns (the students, by
// name) and what to do if it is a mistake — and an existing guardian newly linked is told too.
import { SETUP_LINK_LIFETIME_DAYS, SETUP_LINK_PLACEHOLDER } from "./one-time-links.ts";
import { plainTextName, withoutDirectionControls } from "./texts.ts";

/** "A", "A and B", "A, B and C". */
function namesInWords(names: string[]) {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function mistakeLine(school: string, link: boolean) {
  return `If this is a mistake (you are not their parent or guardian, or you do not know ${school}), ${link ? "do not use the link: " : ""}contact ${school} so they can correct their records.`;
}

/**
 * The setup email of an account an import made. With students: a guardian, told which students
 * they now observe and why; without (a users.csv account): told the account comes from the records.
 */
export function importSetupEmail(input: {
  name: string;
  schoolName: string;
  students: string[];
  setupLink: string;
}) {
  const school = withoutDirectionControls(input.schoolName);
  const students = input.students.map(plainTextName);
  const what = students.length
    ? `${school} has added you as a parent/guardian of ${namesInWords(students)} from the school's records, and made you an account so you can follow their courses.`
    : `${school} has made you an account from the school's records.`;
  return {
    subject: `Your ${school} account is ready`,
    text:
      `Hello ${plainTextName(input.name)},\n\n${what}\n\n` +
      `To start, choose your password here (the link works once, for ${SETUP_LINK_LIFETIME_DAYS} days):\n\n${SETUP_LINK_PLACEHOLDER}\n\n` +
      `${students.length ? mistakeLine(school, true) : `If you did not expect this, do not use the link: contact ${school}.`}\n`,
    setupLink: input.setupLink,
  };
}

/** An existing account linked to students by an import: one email naming them all. */
export function guardianLinkedEmail(input: {
  name: string;
  schoolName: string;
  students: string[];
  signInUrl: string;
}) {
  const school = withoutDirectionControls(input.schoolName);
  const students = namesInWords(input.students.map(plainTextName));
  return {
    subject: `${school} linked you to ${students}`,
    text:
      `Hello ${plainTextName(input.name)},\n\n` +
      `${school} has added you as a parent/guardian of ${students} from the school's records. ` +
      `Sign in at ${input.signInUrl} with your usual account to follow their courses on the Observing page.\n\n` +
      `${mistakeLine(school, false)}\n`,
  };
}
