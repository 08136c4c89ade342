import type { MailCache } from '../../electron/services/cache/mail-cache.ts';

export interface RendererBench {
  firstRowsMs: number;
  longestFrameMs: number;
  frames: number;
  maxRowsInDom: number;
}

/** Placeholder until the virtualized list lands: see the note printed. */
export async function benchRenderer(_cache: MailCache, _folder: string): Promise<RendererBench> {
  throw new Error('renderer benchmark not wired yet');
}
