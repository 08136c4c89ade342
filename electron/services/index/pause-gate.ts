import type { IndexGate } from './body-indexer.ts';

/**
 * Pauses the indexer while the user types: each search (a keystroke, in the search box)
 * holds it for a short while; it goes on once the user has stopped. Durations are monotonic.
 */
export class PauseGate implements IndexGate {
  private until = 0;

  pauseFor(ms: number): void {
    this.until = Math.max(this.until, performance.now() + ms);
  }

  resume(): void {
    this.until = 0;
  }

  get paused(): boolean {
    return performance.now() < this.until;
  }

  async open(): Promise<void> {
    for (let left = this.until - performance.now(); left > 0; left = this.until - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 1000)));
    }
  }
}
