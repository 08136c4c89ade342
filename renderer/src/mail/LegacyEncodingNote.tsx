// "This text was converted from TCVN3/VNI to Unicode". MessageDetail may or
// may not carry legacyEncoding ({ from: 'tcvn3' | 'vni'; parts: string[] } |
// null), so it is read defensively and this compiles either way.
import type { MessageDetail } from '../../../shared/mail.ts';
import { useMailT } from './i18n.ts';

export function legacyEncodingOf(message: MessageDetail): 'tcvn3' | 'vni' | null {
  const value: unknown = 'legacyEncoding' in message ? message.legacyEncoding : null;
  if (!value || typeof value !== 'object') return null;
  const { from, parts } = value as { from?: unknown; parts?: unknown };
  if (Array.isArray(parts) && parts.length === 0) return null;
  return from === 'tcvn3' || from === 'vni' ? from : null;
}

export function LegacyEncodingNote({ message }: { message: MessageDetail }) {
  const tm = useMailT();
  const from = legacyEncodingOf(message);
  if (!from) return null;
  return (
    <div className="notice notice-info legacy-note" data-testid="legacy-encoding-note" data-from={from} role="note">
      <strong>{tm(from === 'tcvn3' ? 'legacy.tcvn3' : 'legacy.vni')}</strong>{' '}
      <span className="muted">{tm('legacy.help')}</span>
    </div>
  );
}
