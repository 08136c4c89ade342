import type { HandoverProgress } from '../../shared/handover.ts';

const PHASE_LABEL: Record<HandoverProgress['phase'], string> = {
  snapshot: 'snapshot',
  messages: 'messages',
  indexes: 'indexes ',
  seal: 'seal    ',
  tar: 'tar     ',
  done: 'done    ',
};

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function eta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return ` ETA ${seconds}s`;
  const m = Math.floor(seconds / 60);
  return m < 60
    ? ` ETA ${m}m${String(seconds % 60).padStart(2, '0')}s`
    : ` ETA ${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Progress of a handover export or verification on stderr: messages, megabytes and ETA.
 * A TTY redraws one line; a pipe gets a line per phase and at most one per second.
 */
export function handoverProgressBar(stderr: NodeJS.WriteStream, verb = 'messages'): (p: HandoverProgress) => void {
  const tty = stderr.isTTY === true;
  let lastLine = 0;
  let lastPhase: HandoverProgress['phase'] | null = null;
  return (p) => {
    const now = performance.now();
    const phaseChanged = p.phase !== lastPhase;
    lastPhase = p.phase;
    if (p.phase === 'done') {
      if (tty) stderr.write('\r\x1b[2K');
      return;
    }
    if (!tty && !phaseChanged && now - lastLine < 1000 && p.messagesDone !== p.messagesTotal) return;
    lastLine = now;
    let line: string;
    if (p.phase === 'messages') {
      const width = 24;
      const ratio = p.bytesTotal ? p.bytesDone / p.bytesTotal : p.messagesTotal ? p.messagesDone / p.messagesTotal : 1;
      const filled = Math.min(width, Math.round(ratio * width));
      line = `${verb.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.messagesDone}/${p.messagesTotal}, ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB${eta(p.etaSeconds)}${p.folder ? `  ${p.folder}` : ''}`;
    } else {
      line = `${PHASE_LABEL[p.phase]}${p.folder ? ` ${p.folder}` : ''}`;
    }
    stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
}
