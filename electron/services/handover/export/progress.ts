import type { HandoverPhase, HandoverProgress } from '../../../../shared/handover.ts';

/**
 * Counts messages and bytes and reports at most every `intervalMs` (10 per second by default),
 * plus at once on every phase change. The ETA uses only bytes transferred by this run, so a
 * resumed export does not count the files it found on disk as speed.
 */
export class ProgressMeter {
  private readonly emit: ((p: HandoverProgress) => void) | undefined;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private phase: HandoverPhase = 'snapshot';
  private folder: string | undefined;
  private lastEmit = 0;
  private startedAt = 0;
  private bytesAtStart = 0;
  private messagesAtStart = 0;
  messagesDone = 0;
  messagesTotal = 0;
  bytesDone = 0;
  bytesTotal = 0;

  constructor(emit?: (p: HandoverProgress) => void, opts: { intervalMs?: number; now?: () => number } = {}) {
    this.emit = emit;
    this.intervalMs = opts.intervalMs ?? 100;
    this.now = opts.now ?? Date.now;
  }

  setPhase(phase: HandoverPhase, folder?: string): void {
    this.phase = phase;
    this.folder = folder;
    if (phase === 'messages') {
      this.startedAt = this.now();
      this.bytesAtStart = this.bytesDone;
      this.messagesAtStart = this.messagesDone;
    }
    this.report(true);
  }

  setTotals(messages: number, bytes: number, done: { messages: number; bytes: number }): void {
    this.messagesTotal = messages;
    this.bytesTotal = bytes;
    this.messagesDone = done.messages;
    this.bytesDone = done.bytes;
  }

  message(bytes: number, folder?: string): void {
    this.messagesDone += 1;
    this.bytesDone += bytes;
    if (folder !== undefined) this.folder = folder;
    this.report(false);
  }

  /** A message found complete on disk: progress, but not transfer speed. */
  reused(bytes: number, folder?: string): void {
    this.messagesAtStart += 1;
    this.bytesAtStart += bytes;
    this.message(bytes, folder);
  }

  /** Messages of the plan that vanished: the total shrinks so that the bar can reach 100 %. */
  vanished(count: number): void {
    this.messagesTotal = Math.max(this.messagesDone, this.messagesTotal - count);
  }

  etaSeconds(): number | null {
    if (this.phase !== 'messages') return this.phase === 'snapshot' ? null : 0;
    const elapsed = (this.now() - this.startedAt) / 1000;
    const moved = this.bytesDone - this.bytesAtStart;
    // The first batches include connection and folder setup: too early to extrapolate from.
    if (elapsed < 2 || this.messagesDone - this.messagesAtStart < 10 || moved <= 0) return null;
    const rate = moved / elapsed;
    return Math.max(0, Math.round((this.bytesTotal - this.bytesDone) / rate));
  }

  snapshot(): HandoverProgress {
    const p: HandoverProgress = {
      phase: this.phase,
      messagesDone: this.messagesDone,
      messagesTotal: this.messagesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      etaSeconds: this.etaSeconds(),
    };
    if (this.folder !== undefined) p.folder = this.folder;
    return p;
  }

  private report(force: boolean): void {
    if (!this.emit) return;
    const t = this.now();
    if (!force && t - this.lastEmit < this.intervalMs) return;
    this.lastEmit = t;
    this.emit(this.snapshot());
  }
}
