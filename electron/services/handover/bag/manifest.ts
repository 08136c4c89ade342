// BagIt manifests in the format `sha256sum` prints and checks: `<hex>  <path>`, one per line.

export interface ManifestEntry {
  path: string;
  digest: string;
}

export interface ParsedManifest {
  entries: Map<string, string>;
  /** Lines that are not `<hex> <path>`, or repeat a path (1-based line numbers). */
  errors: { line: number; detail: string }[];
}

/** RFC 8493 §2.1.3: only CR, LF and % are percent-encoded in manifest paths. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function decodeManifestPath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** Byte order of the UTF-8 paths, as `LC_ALL=C sort` orders them. */
export function compareBagPaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function manifestLine(entry: ManifestEntry): string {
  return `${entry.digest}  ${encodeManifestPath(entry.path)}\n`;
}

/** Whole manifest text, sorted by path. */
export function formatManifest(entries: ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => compareBagPaths(a.path, b.path))
    .map(manifestLine)
    .join('');
}

export function parseManifest(text: string, digestLength: number): ParsedManifest {
  const entries = new Map<string, string>();
  const errors: ParsedManifest['errors'] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line);
    if (!m || m[1]?.length !== digestLength) {
      errors.push({ line: i + 1, detail: `line ${i + 1} is not "<digest>  <path>"` });
      return;
    }
    // GNU sha256sum marks binary mode with '*' before the path.
    const path = decodeManifestPath((m[2] as string).replace(/^\*/, ''));
    if (entries.has(path)) {
      errors.push({ line: i + 1, detail: `line ${i + 1} lists ${path} a second time` });
      return;
    }
    entries.set(path, (m[1] as string).toLowerCase());
  });
  return { entries, errors };
}
