// Wording for observers' requests to observe a student in another course.
import type { AuditAction } from "./events.ts";
import { someone, type Wording } from "./words-parts.ts";

export const REQUEST_WORDS: Partial<Record<AuditAction, Wording>> = {
  "observer_request.created": {
    label: "Observer asked for another course",
    describe: (e) =>
      `${someone(e.target)} asked to observe ${someone(e.subject, "a student")} in another course`,
  },
  "observer_request.approved": {
    label: "Observer's request approved",
    describe: (e) =>
      `${someone(e.actor)} let ${someone(e.target, "an observer")} observe ${someone(e.subject, "a student")} in ${e.course ?? "another course"}`,
  },
  "observer_request.declined": {
    label: "Observer's request declined",
    describe: (e) =>
      `${someone(e.actor)} declined ${someone(e.target, "an observer")}'s request to observe ${someone(e.subject, "a student")} in another course`,
  },
};
