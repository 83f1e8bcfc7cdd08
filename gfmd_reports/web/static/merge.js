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
const isText = (value) => typeof value === "string";

// Merge `mine` and `theirs`, both made from `base`. Returns the merged value and the
// conflicts: [{path, theirs}] where both changed the same field, which keeps `mine`.
export function merge(base, mine, theirs, path = [], conflicts = []) {
  if (same(mine, theirs) || same(base, theirs)) return { merged: mine, conflicts };
  if (same(base, mine)) return { merged: theirs, conflicts };
  const textAndObject = [base, mine, theirs].some(isText) && [mine, theirs].some(isRecord);
  if (textAndObject && [mine, theirs].every((value) => isRecord(value) || isText(value))) {
    return mergeTextAndObject(base, mine, theirs, path, conflicts);
  }
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

// An item written as plain text in one version and as an object in the other (a finding
// given tags in one tab while its text changed in the other) is the object of its text
// alone: each field merges on its own, and what holds nothing but text is text again.
function mergeTextAndObject(base, mine, theirs, path, conflicts) {
  const asObject = (value) => (isText(value) ? { text: value } : value);
  const { merged } = merge(asObject(base), asObject(mine), asObject(theirs), path, conflicts);
  const keys = Object.keys(merged);
  return { merged: keys.length === 1 && keys[0] === "text" ? merged.text : merged, conflicts };
}
