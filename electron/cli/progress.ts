import type { SyncProgressEvent } from '../../shared/mail.ts';

/** A progress bar with counts and ETA on stderr (a TTY redraws one line; a pipe gets a line per step). */
export function progressBar(stderr: NodeJS.WriteStream): (p: SyncProgressEvent) => void {
  const tty = stderr.isTTY === true;
  let lastLine = 0;
  return (p) => {
    const now = performance.now();
    if (p.phase === 'headers' || p.phase === 'bodies') {
      if (!tty && now - lastLine < 1000 && p.done !== p.total) return;
      lastLine = now;
      const width = 24;
      const ratio = p.total ? p.done / p.total : 1;
      const filled = Math.round(ratio * width);
      const eta = p.etaMs === null ? '' : ` ETA ${Math.ceil(p.etaMs / 1000)}s`;
      const line = `${p.phase === 'headers' ? 'headers' : 'bodies '} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${p.folder}${eta}`;
      stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    } else if (p.phase === 'done' && tty) {
      stderr.write('\r\x1b[2K');
    } else if (p.phase === 'error' && p.error) {
      stderr.write(`${tty ? '\n' : ''}sync error: ${p.error.messageVi} (${p.error.code})\n`);
    }
  };
}
