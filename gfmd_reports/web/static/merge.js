// Merging two tabs' work on one draft, field by field, against the version both started from:
// what only one side changed is taken from it; where both changed a field differently, this
// tab's text stays and the other's is returned beside it, so that neither is lost.

// A value's text with its fields in one order, so that equal values always compare equal.
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const same = (a, b) => canonical(a) === canonical(b);
const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// Merge `mine` and `theirs`, both made from `base`. Returns the merged value and the
// conflicts: [{path, theirs}] where both changed the same field, which keeps `mine`.
export function merge(base, mine, theirs, path = [], conflicts = []) {
  if (same(mine, theirs) || same(base, theirs)) return { merged: mine, conflicts };
  if (same(base, mine)) return { merged: theirs, conflicts };
  const lists = [base, mine, theirs].every(Array.isArray) && base.length === mine.length && mine.length === theirs.length;
  if (lists) {
    return { merged: mine.map((item, index) => merge(base[index], item, theirs[index], [...path, index], conflicts).merged), conflicts };
  }
  if ([mine, theirs].every(isRecord)) {
    const old = isRecord(base) ? base : {};
    const merged = {};
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const value = merge(old[key], mine[key], theirs[key], [...path, key], conflicts).merged;
      if (value !== undefined) merged[key] = value;
    }
    return { merged, conflicts };
  }
  conflicts.push({ path, theirs });
  return { merged: mine, conflicts };
}
