// The handover part of the IPC contract (spread into shared/contract.ts).
import type { Call } from './contract-call.ts';

export const handoverContract = {} as const satisfies Record<string, Call<never, unknown>>;

/** Events pushed from main for this capability. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HandoverEvents {}

export const HANDOVER_EVENTS: (keyof HandoverEvents)[] = [];
