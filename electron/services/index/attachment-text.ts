// Text of attached documents for the index, on a piscina thread with limits: a file over the
// size limit is not read, a task over the time limit has its thread terminated, a thread that
// runs out of memory dies alone. Each case is a note, never a crash or a stall of the indexer.
import { Piscina } from 'piscina';
import { workerEntry } from '../workers/worker-entry.ts';
import type { AttachmentTextTask } from './attachment-text-worker.ts';

export interface AttachmentTextLimits {
  /** Larger files are skipped (noted), not read. */
  maxBytes: number;
  /** A document taking longer is abandoned (its thread terminated). */
  timeoutMs: number;
  /** Text kept per document. */
  maxChars: number;
  /** Heap of the extraction thread. */
  maxHeapMb: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentTextLimits = {
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 30_000,
  maxChars: 500_000,
  maxHeapMb: 512,
};

export type DocumentKind = AttachmentTextTask['kind'];

/** PDF or DOCX by content type or file name; null for anything else. */
export function documentKind(contentType: string, filename: string): DocumentKind | null {
  const type = contentType.toLowerCase();
  const name = filename.toLowerCase();
  if (type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' || name.endsWith('.docx'))
    return 'docx';
  return null;
}

export type AttachmentText = { text: string } | { note: string };

/** Extracts document text for the indexer; one thread, started on first use. */
export class AttachmentTextPool {
  readonly limits: AttachmentTextLimits;
  private pool: Piscina<AttachmentTextTask, string> | null = null;

  constructor(limits: Partial<AttachmentTextLimits> = {}) {
    this.limits = { ...DEFAULT_ATTACHMENT_LIMITS, ...limits };
  }

  private threads(): Piscina<AttachmentTextTask, string> {
    if (this.pool) return this.pool;
    this.pool = new Piscina({
      filename: workerEntry('attachment-text-worker', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 10_000,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb },
    });
    // A thread killed by a limit is replaced by piscina; its 'error' must not throw here. Once per
    // pool: a listener added on every document piled up (MaxListenersExceededWarning after 10).
    this.pool.on('error', () => undefined);
    return this.pool;
  }

  async extract(kind: DocumentKind, filename: string, bytes: Uint8Array): Promise<AttachmentText> {
    const { maxBytes, timeoutMs, maxChars } = this.limits;
    if (bytes.byteLength > maxBytes)
      return { note: `${filename}: skipped, ${bytes.byteLength} bytes is over the ${maxBytes}-byte limit` };
    try {
      const text = await this.threads().run(
        { kind, bytes: new Uint8Array(bytes), maxChars },
        { signal: AbortSignal.timeout(timeoutMs) },
      );
      return { text };
    } catch (e) {
      const reason = e instanceof Error && e.name === 'AbortError' ? `over the ${timeoutMs} ms limit` : errorText(e);
      return { note: `${filename}: skipped, ${kind.toUpperCase()} text could not be read (${reason})` };
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

function errorText(e: unknown): string {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
