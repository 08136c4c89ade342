// JSON Canonicalization Scheme (RFC 8785): what a register record's signature
// and hash chain cover. Objects get their keys sorted by UTF-16 code units, no
// whitespace is written, strings and numbers are serialised the way ECMAScript's
// JSON.stringify does (which is how RFC 8785 defines them).

export function canonicalJson(value: unknown): string {
  return serialize(value, new Set());
}

export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

function serialize(value: unknown, path: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`RFC 8785: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      // I-JSON (RFC 7493) forbids lone surrogates (in u-mode \p{Cs} matches only lone ones);
      // JSON.stringify would escape them instead.
      if (/\p{Cs}/u.test(value)) throw new TypeError('RFC 8785: string with a lone surrogate');
      return JSON.stringify(value);
    case 'object': {
      if (path.has(value)) throw new TypeError('RFC 8785: cyclic structure');
      path.add(value);
      try {
        if (Array.isArray(value)) return `[${value.map((v) => serialize(v === undefined ? null : v, path)).join(',')}]`;
        const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
        // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 asks for.
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${serialize(k, path)}:${serialize(v, path)}`).join(',')}}`;
      } finally {
        path.delete(value);
      }
    }
    default:
      throw new TypeError(`RFC 8785: ${typeof value} cannot be serialised`);
  }
}
