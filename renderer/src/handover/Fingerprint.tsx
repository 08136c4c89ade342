// A SHA-256 fingerprint laid out for reading aloud over the phone: 16 groups
// of 4 characters in 4 numbered lines ("dòng 2, nhóm 3: 7F0A"), large and
// monospaced. The exact colon form (as `openssl x509 -fingerprint -sha256`
// prints it) stays below, small and selectable, for pasting.
import { useHandoverT } from './i18n.ts';

const GROUP = 4;
const PER_ROW = 4;

/** "aa:bb…" or "AABB…" → "AA:BB:…" (the form openssl prints and the record shows). */
export function colonFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return (hex.match(/.{1,2}/g) ?? []).join(':');
}

export function fingerprintRows(value: string): string[][] {
  const hex = value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const groups = hex.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
  const rows: string[][] = [];
  for (let i = 0; i < groups.length; i += PER_ROW) rows.push(groups.slice(i, i + PER_ROW));
  return rows;
}

interface Props {
  value: string;
  label: string;
  testId: string;
  size?: 'large' | 'medium';
  help?: string;
}

export function Fingerprint({ value, label, testId, size = 'large', help }: Props) {
  const { t } = useHandoverT();
  const colon = colonFingerprint(value);
  const rows = fingerprintRows(value);
  return (
    <figure className={`fp fp-${size}`} data-testid={testId} data-fingerprint={colon}>
      <figcaption className="fp-label">{label}</figcaption>
      <ol className="fp-rows" aria-label={t('fingerprint.readAloud', { value: rows.flat().join(' ') })}>
        {rows.map((row, i) => (
          <li key={i} className="fp-row">
            <span className="fp-row-no" aria-hidden="true">
              {i + 1}
            </span>
            {row.map((group, j) => (
              <span key={j} className="fp-group">
                {group}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <code className="fp-raw" data-testid={`${testId}-raw`}>
        {colon}
      </code>
      {help && <p className="hint">{help}</p>}
    </figure>
  );
}
