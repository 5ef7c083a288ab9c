"use client";
import { useEffect, useId, useRef, useState } from "react";
import { FieldError } from "@/components/ui/field";

export type PickerOption = { id: number; name: string; detail: string };

/**
 * An ARIA 1.2 combobox: type two letters, arrow through the matches, Enter picks one. The chosen
 * id travels in a hidden input named `name`.
 */
export function UserPicker({
  label,
  name,
  search,
  errors,
}: {
  label: string;
  name: string;
  search: (q: string) => Promise<PickerOption[]>;
  errors?: string[];
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const latest = useRef("");

  useEffect(() => {
    if (chosen && q === chosen.name) return;
    latest.current = q;
    if (q.trim().length < 2) return;
    // Debounced; a stale answer (the user typed on) is dropped.
    const t = setTimeout(() => {
      search(q).then((res) => {
        if (latest.current !== q) return;
        setOptions(res);
        setOpen(true);
        setActive(-1);
      });
    }, 200);
    return () => clearTimeout(t);
  }, [q, search, chosen]);

  const pick = (o: PickerOption) => {
    setChosen(o);
    setQ(o.name);
    setOpen(false);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const showList = open && q.trim().length >= 2;
  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={`${id}-input`} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        Type at least 2 letters of a name, login or SIS id, then choose with the arrow keys and Enter.
      </p>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${id}-opt-${options[active]?.id}` : undefined}
        aria-describedby={`${id}-hint ${errorId}`}
        aria-invalid={errors?.length ? true : undefined}
        autoComplete="off"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setChosen(null);
          if (e.target.value.trim().length < 2) setOptions([]);
        }}
        onKeyDown={onKeyDown}
        className="rounded-md border border-slate-400 px-3 py-2"
      />
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: matches`}
        hidden={!showList}
        className="absolute top-full z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-300 bg-white shadow-lg"
      >
        {options.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-2 text-slate-700">
            No matching users
          </li>
        ) : (
          options.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-opt-${o.id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
              className={`cursor-pointer px-3 py-2 ${i === active ? "bg-blue-100" : "hover:bg-slate-100"}`}
            >
              <span className="font-medium">{o.name}</span>{" "}
              <span className="text-sm text-slate-700">{o.detail}</span>
            </li>
          ))
        )}
      </ul>
      <FieldError id={errorId} errors={errors} />
      <p aria-live="polite" className="sr-only">
        {showList
          ? `${options.length} ${options.length === 1 ? "match" : "matches"}`
          : chosen
            ? `Chosen: ${chosen.name}`
            : ""}
      </p>
    </div>
  );
}
