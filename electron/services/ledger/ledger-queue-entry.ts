// The answer to an action that had to wait, when this computer has not read the entry since it
// started: what the action names (number, year; folder and UID of a registration), nothing more.
// The real entry arrives with the next read of the book.
import { vietnamDate } from '../../../shared/ledger.ts';
import type { BookEntry } from './ledger-view.ts';
import type { QueuedAction } from './ledger-queue-store.ts';

export function placeholderEntry(a: QueuedAction, now: Date): BookEntry {
  const which = 'which' in a ? a.which : { year: 0, number: 0 };
  const link = a.kind === 'register' ? { folder: a.folder, uid: a.uid } : { folder: '', uid: 0 };
  return {
    year: which.year,
    number: which.number,
    messageId: '',
    link: { ...link, uidValidity: null, messageId: '' },
    fields: {
      ngayDen: vietnamDate(now),
      tacGia: '',
      soKyHieu: '',
      ngayVanBan: null,
      tenLoai: '',
      trichYeu: '',
      nguoiNhan: '',
      ghiChu: '',
      urgency: 'thuong',
    },
    registeredBy: '',
    registeredAt: '',
    status: 'da-vao-so',
    handler: null,
    coHandlers: [],
    instruction: '',
    deadline: null,
    result: null,
    history: [],
    overdue: false,
  };
}
