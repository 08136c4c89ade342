// Notices of the processing ledger (spread into shared/contract.ts): what the app tells a person
// in the app and as a desktop notification: an entry assigned to them, due tomorrow (in working
// days), overdue, returned for rework; a queued action that lost (someone else acted first) or
// was applied; the head's daily digest. Each is sent once per account. `title`/`body` are the
// Vietnamese text of the desktop notification; the renderer words it from `kind` and `params`.
// Main keeps the newest of them (read or not) so the app's list outlives a restart.
import { z } from 'zod';
import { call } from './contract-call.ts';

export const NOTICE_KINDS = [
  'assigned',
  'due-tomorrow',
  'overdue',
  'reopened',
  'queue-lost',
  'queue-applied',
  'digest',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeParams {
  number?: number;
  year?: number;
  subject?: string;
  deadline?: string | null;
  /** Who acted: the head who assigned or reopened, the winner of a claim. */
  by?: string;
  /** Why a queued action lost, in Vietnamese. */
  reason?: string;
  /** What the queued action was: assign, claim, status, reopen, register. */
  action?: string;
  /** Digest: the day (YYYY-MM-DD) and its counts. */
  day?: string;
  newCount?: number;
  overdueCount?: number;
  dueTodayCount?: number;
  dueTomorrowCount?: number;
}

export interface Notice {
  /** Stable: the same fact gives the same id (it is notified once). */
  id: string;
  accountId: string;
  /** The unit mailbox the entry belongs to. */
  mailbox: string;
  kind: NoticeKind;
  /** When it was noticed (ISO). */
  at: string;
  urgent: boolean;
  title: string;
  body: string;
  params: NoticeParams;
}

export interface NoticeEvents {
  /** New notices, already remembered as notified (never sent again for the same fact). */
  'notices.new': { notices: Notice[] };
}
export const NOTICE_EVENTS: (keyof NoticeEvents)[] = ['notices.new'];

/** How many notices the list keeps, in main and on screen (older ones go; the facts stay told). */
export const KEPT_NOTICES = 200;

/** The app's list of notices: newest first, with how many are unread. */
export interface NoticeList {
  items: Notice[];
  unread: number;
}

export const noticesContract = {
  /** The notices kept (the newest KEPT_NOTICES), newest first. */
  'notices.list': call<NoticeList>()(z.object({})),
  /** The list was opened: every notice is read. */
  'notices.markRead': call<{ unread: 0 }>()(z.object({})),
  /** Empties the list; what was told is not told again. */
  'notices.clear': call<{ cleared: number }>()(z.object({})),
};
