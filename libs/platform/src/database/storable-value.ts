const MAX_DEPTH = 64;

/**
 * PostgreSQL text and jsonb cannot hold NUL or unpaired UTF-16 surrogates, and
 * a provider can send both: keep the value, drop NULs, and turn a broken
 * surrogate into U+FFFD — rather than fail (and have the provider retry)
 * forever. Nesting deeper than 64 levels is cut short with a marker.
 */
export function storableValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(/\u0000/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[nested too deep to keep]';
  if (Array.isArray(value)) return value.map((item) => storableValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableValue(key, depth + 1) as string, storableValue(item, depth + 1)]));
}
