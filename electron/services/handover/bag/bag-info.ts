// bag-info.txt (RFC 8493 §2.2.2): `Label: value` lines; a line starting with whitespace continues the previous value.

/** Labels the verifier insists on: BagIt reserved ones we rely on, Mailbag's required ones and ours. */
export const REQUIRED_BAG_INFO_LABELS = [
  'Bag-Type',
  'Mailbag-Source',
  'Payload-Oxum',
  'Bagging-Date',
  'External-Identifier',
  'Source-Organization',
  'Mailbox-Address',
] as const;

export type BagInfo = [label: string, value: string][];

export function payloadOxum(octets: number, files: number): string {
  return `${octets}.${files}`;
}

export function formatBagInfo(info: BagInfo): string {
  return info
    .map(([label, value]) => {
      if (!/^[A-Za-z0-9-]+$/.test(label)) throw new Error(`invalid bag-info label ${label}`);
      // One physical line per value: a newline in a name would otherwise start a bogus label.
      return `${label}: ${value.replace(/[\r\n]+/g, ' ').trim()}\n`;
    })
    .join('');
}

export function parseBagInfo(text: string): { info: BagInfo; errors: string[] } {
  const info: BagInfo = [];
  const errors: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const last = info[info.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last[1] = `${last[1]} ${line.trim()}`;
      return;
    }
    const m = /^([^:\s][^:]*):[ \t]*(.*)$/.exec(line);
    if (!m) {
      errors.push(`line ${i + 1} is not "Label: value"`);
      return;
    }
    info.push([(m[1] as string).trim(), m[2] as string]);
  });
  return { info, errors };
}

/** The value of the first occurrence of a label (case-insensitive, as RFC 8493 advises readers). */
export function bagInfoValue(info: BagInfo, label: string): string | null {
  const found = info.find(([l]) => l.toLowerCase() === label.toLowerCase());
  return found ? found[1] : null;
}
