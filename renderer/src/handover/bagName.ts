import { asciiSlug } from '../../../shared/ascii-slug.ts';

// Default directory name of a new bag: ASCII (every OS and tool copes with
// it), saying what it is, whose mailbox and when: ban-giao-vanphong-20261128.
// Whether a name is allowed is the contract's to say (handover.export's bagName).
export function defaultBagName(email: string, now = new Date()): string {
  const local = asciiSlug(email.split('@')[0] ?? '', 40);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `ban-giao-${local || 'hop-thu'}-${day}`;
}
