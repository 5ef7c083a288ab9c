export type Option = { value: string; text: string };

const CONTROL = "rounded-md border border-slate-400 bg-white px-3 py-2";

/**
 * A labelled select (with `options`) or input that has nothing to report — a filter, a choice —
 * so, unlike Field, no hint or error line.
 */
export function PlainField({
  id,
  label,
  name,
  defaultValue,
  options,
  type,
  className,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue?: string;
  options?: readonly Option[];
  type?: "search" | "date";
  className?: string;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {options ? (
        <select id={id} name={name} defaultValue={defaultValue} className={CONTROL}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={name} type={type} defaultValue={defaultValue} className={CONTROL} />
      )}
    </div>
  );
}
