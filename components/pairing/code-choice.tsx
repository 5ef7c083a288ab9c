/** An active code as a list or a choice shows it: its last characters and when it was made. */
export type CodeChoice = { id: number; hint: string; made: string };

/** "…7KQ2" — or, for a code made before hints were kept, that it has none. */
export const codeHintWords = (hint: string) =>
  hint ? `ending ${hint}` : "(made before codes showed their end)";

/** At the cap: which code to give up for the new one (radio buttons named replace_code_id). */
export function CodeChoiceField({
  codes,
  error,
  self,
}: {
  codes: CodeChoice[];
  error?: string[];
  self: boolean;
}) {
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? "replace-code-error" : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">
        {self ? "You have" : "This student has"} {codes.length} active codes, the most there can be. Which one
        should stop working?
      </legend>
      {codes.map((c, i) => (
        <label key={c.id} className="flex items-center gap-2">
          <input
            type="radio"
            name="replace_code_id"
            value={c.id}
            required
            defaultChecked={i === codes.length - 1}
          />
          Code {codeHintWords(c.hint)}, made {c.made}
          {i === codes.length - 1 && " (the oldest)"}
        </label>
      ))}
      <p id="replace-code-error" aria-live="polite" className="text-sm text-red-800">
        {error?.join(" ")}
      </p>
    </fieldset>
  );
}
