// The preload (or the UI test bridge) installs the contract's verbs here.
import type { UnitMailboxApi } from '../../shared/contract.ts';

declare global {
  interface Window {
    /** Absent only when the page runs without the preload (a misconfiguration). */
    unitMailbox?: UnitMailboxApi;
  }
}

export {};
