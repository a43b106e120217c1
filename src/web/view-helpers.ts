/** Small formatting functions every template may call as `it.h.name(...)`, whatever its area. */
export const helpers = {
  /** "1 room", "3 rooms". */
  plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
  },
  /** Error messages in the order of the form's fields, for the error summary. */
  errorList(errors: Record<string, string> | undefined): Array<{ field: string; message: string }> {
    return Object.entries(errors ?? {}).map(([field, message]) => ({ field, message }));
  },
  /** What to show in a field that failed validation: what was typed, never a parsed copy. */
  value(values: Record<string, unknown> | undefined, name: string): string {
    const v = values?.[name];
    if (v === undefined || v === null) return '';
    return Array.isArray(v) ? String(v[0] ?? '') : String(v);
  },
  /** Whether a checkbox or radio value was chosen (the value may be a string or a list). */
  chosen(values: Record<string, unknown> | undefined, name: string, option: string): boolean {
    const v = values?.[name];
    return Array.isArray(v) ? v.map(String).includes(option) : String(v ?? '') === option;
  },
};

export type ViewHelpers = Record<string, unknown>;

/** These helpers and each area's, as one `it.h`; two helpers with one name would hide one, so that is refused. */
export function withAreaHelpers(areas: ViewHelpers[]): ViewHelpers {
  const all: ViewHelpers = { ...helpers };
  for (const area of areas) {
    for (const [name, helper] of Object.entries(area)) {
      if (name in all) throw new Error(`Two view helpers are called ${name}`);
      all[name] = helper;
    }
  }
  return all;
}
