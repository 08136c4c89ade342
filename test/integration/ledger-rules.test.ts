import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { holidayFilePath, loadHolidayCalendar } from '../../electron/services/ledger/holidays-file.ts';
import type { LedgerEntryView } from '../../shared/contract-ledger.ts';
import { vietnamDate } from '../../shared/ledger.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';

// The unit's rules (quy chế) for the ledger, set by the head: automatic registration on or off,
// and the default deadline of each urgency in working days. Changed while the app runs, they
// apply to the next sync and the next assignment (real Dovecot, the app's services).
const UNIT: StackUser = { email: 'quytac@binhphuoc.gov.vn', password: 'QuyTac#2026!' };
const RESOURCES = new URL('../../resources/', import.meta.url).pathname;

let stack: MailStack;
let pc: LedgerPc;
let serial = 0;

async function deliver(subject: string): Promise<string> {
  serial += 1;
  const id = `rules-${serial}`;
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  return `<${id}@binhphuoc.gov.vn>`;
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT] });
  pc = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Chánh Văn phòng', tag: 'rules' });
  await pc.services.sync.start(pc.accountId);
}, 120_000);

afterAll(async () => {
  await stopPcs([pc]);
  await stack?.stop();
});

describe("the unit's ledger rules (real Dovecot)", { timeout: 180_000 }, () => {
  it('automatic registration off: a directive that arrives is not registered; on again: the next one is', async () => {
    const { services, accountId } = pc;
    expect(services.settings.preferences().ledgerAutoRegister).toBe('directives');
    services.settings.updatePreferences({ ledgerAutoRegister: 'off' });
    const first = await deliver('Công văn số 11/UBND-VP V/v báo cáo quý');
    await services.sync.start(accountId);
    expect((await services.ledger.book(accountId)).entries).toEqual([]);
    services.settings.updatePreferences({ ledgerAutoRegister: 'directives' });
    const second = await deliver('Công văn số 12/UBND-VP V/v kiểm tra công vụ');
    await services.sync.start(accountId);
    const book = await services.ledger.book(accountId);
    expect(book.entries.map((e) => e.messageId)).toEqual([second]);
    // The first is one "Vào sổ" away (the first message of this INBOX: UID 1), and numbered after.
    const manual = await services.ledger.register(accountId, { folder: 'INBOX', uid: 1 });
    expect([manual.entry.messageId, manual.entry.number]).toEqual([first, 2]);
  });

  it('the deadline of a Thường entry follows the rule: 3 working days instead of 7', async () => {
    const { services, accountId } = pc;
    const days = services.settings.preferences().ledgerDeadlineDays;
    services.settings.updatePreferences({ ledgerDeadlineDays: { ...days, thuong: 3 } });
    const calendar = await loadHolidayCalendar(holidayFilePath(RESOURCES));
    const entry = (await services.ledger.book(accountId)).entries[0]!;
    expect(entry.fields.urgency).toBe('thuong');
    const which = { year: entry.year, number: entry.number };
    // What the detail pane offers before the assignment (the day may turn between two reads).
    const before = vietnamDate(new Date());
    const served = await createDispatcher(services)('ledger.entry', { accountId, ...which });
    const after = vietnamDate(new Date());
    if (!served.ok) throw new Error(JSON.stringify(served));
    const offered = (served.value as LedgerEntryView).defaultDeadline;
    expect([calendar.addWorkingDays(before, 3), calendar.addWorkingDays(after, 3)]).toContain(offered);
    const r = await services.ledger.assign(accountId, which, { to: 'xuly@binhphuoc.gov.vn' });
    const assignedAt = r.entry.history.find((h) => h.type === 'assign')!.at;
    expect(r.entry.deadline).toBe(calendar.addWorkingDays(vietnamDate(new Date(assignedAt)), 3));
    expect(r.entry.deadline).not.toBe(calendar.addWorkingDays(vietnamDate(new Date(assignedAt)), 7));
  });
});
