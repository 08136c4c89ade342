// The app's "Báo cáo" handler (ledger.report): the save dialog is asked first with the name the
// report file module gives, and the report is rendered only for a path chosen; a cancelled
// dialog renders and writes nothing. A bad period is refused before any dialog opens.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedgerHandlers } from '../../electron/services/api/ledger-handlers.ts';
import type { AppServices, Dialogs } from '../../electron/services/app-services.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { withOverdue } from '../../electron/services/ledger/ledger-view.ts';
import {
  renderLedgerReport,
  reportFileName,
  type ReportRequest,
} from '../../electron/services/ledger/report/ledger-report-file.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { AS_OF, MARCH, UNIT, marchBook } from '../support/ledger-report-book.ts';
import { tempDir } from '../support/temp-dir.ts';

const out = tempDir('um-ledger-report-handler-');
afterAll(() => out.cleanup());
const clock = new ManualClock(AS_OF);
const RESOURCES = new URL('../../resources', import.meta.url).pathname;
const ACCOUNT = { id: 'acc-1', email: UNIT, displayName: 'Sở Nội vụ tỉnh Bình Phước' };

/** The handler over a fake book and dialog; `renders` counts the report renderings. */
function setUp(saveFile: Dialogs['saveFile']) {
  const book = marchBook(3);
  const entries = book.entries.map((e) => withOverdue(e, clock.now()));
  const dialogs = fakeDialogs({ saveFile });
  const renders: ReportRequest[] = [];
  const services = {
    accounts: { get: () => ACCOUNT },
    ledger: { book: async () => ({ mailbox: book.mailbox, entries, intact: true }) },
    caps: { dialogs, clock, resourcesDir: RESOURCES },
  } as unknown as AppServices;
  const render: typeof renderLedgerReport = async (...args) => {
    renders.push(args[2]);
    return renderLedgerReport(...args);
  };
  const report = createLedgerHandlers(services, render)['ledger.report'];
  const ask = async (input: {
    from: string;
    to: string;
    format: 'pdf' | 'xlsx' | 'csv';
    kind: ReportRequest['kind'];
  }) => report({ accountId: ACCOUNT.id, ...input });
  return { ask, dialogs, renders };
}

describe('ledger.report: the save dialog first', () => {
  it('renders nothing and writes nothing when the dialog is cancelled', async () => {
    const names: string[] = [];
    const t = setUp(async (name) => (names.push(name), null));
    const r = await t.ask({ ...MARCH, format: 'pdf', kind: 'register' });
    expect(t.dialogs.opened).toEqual(['saveFile']);
    expect(names).toEqual(['so-van-ban-den_2026-03-01_2026-03-31.pdf']);
    expect(t.renders).toEqual([]);
    expect(r).toEqual({ path: null, entries: 7, intact: true });
    expect(readdirSync(out.dir)).toEqual([]);
  });

  it('renders once, after the dialog, for the path chosen; the name comes from reportFileName', async () => {
    const events: string[] = [];
    const t = setUp(async (name) => {
      events.push(`dialog:${name}`);
      return join(out.dir, name);
    });
    const request = { period: MARCH, format: 'csv', kind: 'register' } as const;
    const r = await t.ask({ ...MARCH, format: 'csv', kind: 'register' });
    const name = reportFileName(request);
    expect(events).toEqual([`dialog:${name}`]);
    expect(t.renders).toEqual([request]);
    expect(r).toEqual({ path: join(out.dir, name), entries: 7, intact: true });
    const written = readFileSync(join(out.dir, name), 'utf8');
    expect(written.startsWith('\uFEFF"Ngày đến"')).toBe(true);
    expect(written).toContain('45/QĐ-UBND');
  });

  it('refuses a bad period or a CSV processing report before any dialog, rendering nothing', async () => {
    const t = setUp(async (name) => join(out.dir, `never-${name}`));
    await expect(
      t.ask({ from: '2026-03-31', to: '2026-03-01', format: 'pdf', kind: 'register' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.ask({ ...MARCH, format: 'csv', kind: 'processing' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(t.dialogs.opened).toEqual([]);
    expect(t.renders).toEqual([]);
  });
});

describe('ledger.entry: the default deadline', () => {
  it("comes from the ledger service's deadlines (its holiday loader and the unit's rules)", async () => {
    const entry = withOverdue(marchBook().entries[0]!, clock.now());
    const services = {
      accounts: { get: () => ACCOUNT },
      ledger: {
        entry: async () => entry,
        defaultDeadlines: async () => (u: string) => `deadline-of-${u}`,
      },
    } as unknown as AppServices;
    const view = await createLedgerHandlers(services)['ledger.entry']({ accountId: ACCOUNT.id, year: 2026, number: 1 });
    expect(view).toEqual({ ...entry, defaultDeadline: `deadline-of-${entry.fields.urgency}` });
  });
});
