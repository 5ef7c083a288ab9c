// Names people chose for themselves, written into plain-text emails. Mail clients turn anything
// that looks like an address into a link ("www.evil.example", "evil.example/login",
// "pay@evil.example"), so a registrant could put a clickable link into an email we send a
// student. Here such a name is "defanged" the way security notices write addresses
// ("www[.]evil[.]example", "pay[at]evil[.]example"): still readable, never a link. Direction
// overrides and control characters (which can reorder or split the text) are removed.

const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
// A dot (or a look-alike an autolinker or IDN would read as one) between a letter or digit and
// two or more of them: the shape of a host name. "J.R. Smith" keeps its dots.
const HOST_DOT = /([\p{L}\p{N}_-])[.\u3002\uFF0E\uFF61](?=[\p{L}\p{N}-]{2,})/gu;

/**
 * Any text going into an email without direction controls: a school's or a person's name with an
 * override in it would make the email read in another order (a link's text reversed).
 */
export const withoutDirectionControls = (text: string): string => text.replace(DIRECTION_CONTROLS, "");

/** A user-chosen name as plain text that no mail client will make into a link. */
export function plainTextName(name: string): string {
  return name
    .replace(DIRECTION_CONTROLS, "")
    .replace(CONTROLS, " ")
    .replace(/:\/\//g, "[:]//")
    .replace(/[@\uFF20]/g, "[at]")
    .replace(HOST_DOT, "$1[.]")
    .trim();
}
