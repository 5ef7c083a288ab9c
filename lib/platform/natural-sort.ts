// One order for lists people scan by name: numbers inside names compare as numbers ("Kid2"
// before "Kid10", "Grade 9" before "Grade 10"), case and accents do not split the list.
// PostgreSQL's default collation cannot do this without an ICU collation, so lists that need it
// are sorted here, after their (bounded) rows are read, and paged with pageOfList.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);

/** A copy of `rows` in natural order of `key`, ties broken by id so the order is stable between pages. */
export function naturalSort<T extends { id: number }>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => naturalCompare(key(a), key(b)) || a.id - b.id);
}
