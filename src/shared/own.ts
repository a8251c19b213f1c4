// A record's own entry, never Object.prototype's: ids come from the user, the platform and files
// (`constructor`, `toString`, `__proto__` are ids like any other), and `record[id]` on a plain
// object returns the prototype's function for them — a location "connected", a filter "set".
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
