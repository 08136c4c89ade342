// The tabs of the handover window; a module of its own so the entry buttons
// do not pull the window (loaded on first use) into the main bundle.
export const HANDOVER_TABS = ['identity', 'export', 'verify', 'accept'] as const;
export type HandoverTab = (typeof HANDOVER_TABS)[number];
