import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_RIGHTS } from '../../shared/delegation.ts';
import { setAcl } from '../../electron/services/imap/imap-acl.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { DELEGATE, rawCommand, sharedPath } from '../support/delegation-sides.ts';
import { UNIT_EMAIL, connectOther, directive } from '../support/fixtures.ts';

// Proves the "Xử lý" preset against the real Dovecot: with lrswite a delegate can
// find, open, keep \Seen, flag, and file a message from INBOX into Đã xử lý (with
// MOVE, and with COPY + \Deleted + EXPUNGE for clients without MOVE); dropping
// any one letter breaks at least one of these. Raw STOREs are sent on purpose:
// imapflow itself would drop flags outside PERMANENTFLAGS before the server sees them.
let stack: MailStack;
const SOURCE = sharedPath('INBOX');
const TARGET = sharedPath('Đã xử lý');

interface Abilities {
  see: boolean;
  open: boolean;
  keepSeen: boolean;
  flag: boolean;
  move: boolean;
  moveWithoutMoveExtension: boolean;
}

async function uidsIn(client: ImapFlow, path: string): Promise<number[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const found = await client.search({ all: true }, { uid: true });
    return Array.isArray(found) ? found : [];
  } finally {
    lock.release();
  }
}

async function store(client: ImapFlow, uid: number, flags: string[]): Promise<void> {
  await rawCommand(client, 'UID STORE', [
    { type: 'SEQUENCE', value: String(uid) },
    { type: 'ATOM', value: '+FLAGS' },
    flags.map((value) => ({ type: 'ATOM', value })),
  ]);
}

async function flagsOf(client: ImapFlow, uid: number): Promise<Set<string>> {
  const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true });
  return new Set(msg ? msg.flags : []);
}

/** Grants `rights` on INBOX and Đã xử lý, drops in two messages, and tries everything as the delegate. */
async function tryRights(rights: string, n: number): Promise<Abilities> {
  const head = await connectOther(stack, UNIT_EMAIL);
  const uids: number[] = [];
  try {
    for (const path of ['INBOX', 'Đã xử lý']) await setAcl(head, path, DELEGATE, rights);
    for (const tag of ['move', 'copy']) {
      const res = await head.append('INBOX', directive(`Thử ${rights} ${tag} ${n}`, 'x'), []);
      uids.push(Number(res && res.uid));
    }
  } finally {
    await head.logout();
  }
  const [moveUid, copyUid] = uids as [number, number];
  const d = await connectOther(stack, DELEGATE);
  try {
    const listed = (await d.list()).map((f) => f.path);
    const out: Abilities = {
      see: listed.includes(SOURCE) && listed.includes(TARGET),
      open: false,
      keepSeen: false,
      flag: false,
      move: false,
      moveWithoutMoveExtension: false,
    };
    try {
      await d.mailboxOpen(SOURCE);
      out.open = true;
    } catch {
      return out;
    }
    await store(d, moveUid, ['\\Seen']);
    out.keepSeen = (await flagsOf(d, moveUid)).has('\\Seen');
    await store(d, moveUid, ['$DaXuLy', '\\Flagged']);
    const flags = await flagsOf(d, moveUid);
    out.flag = flags.has('$DaXuLy') && flags.has('\\Flagged');
    const before = (await uidsIn(d, TARGET).catch(() => [])).length;
    await d.mailboxOpen(SOURCE);
    await d.messageMove(String(moveUid), TARGET, { uid: true });
    const movedOut = !(await uidsIn(d, SOURCE)).includes(moveUid);
    const afterMove = (await uidsIn(d, TARGET).catch(() => [])).length;
    out.move = movedOut && afterMove === before + 1;
    // What a client without the MOVE extension does (RFC 6851 §3.3).
    await d.mailboxOpen(SOURCE);
    await d.messageCopy(String(copyUid), TARGET, { uid: true });
    await store(d, copyUid, ['\\Deleted']);
    await rawCommand(d, 'UID EXPUNGE', [{ type: 'SEQUENCE', value: String(copyUid) }]);
    const copiedOut = !(await uidsIn(d, SOURCE)).includes(copyUid);
    out.moveWithoutMoveExtension = copiedOut && (await uidsIn(d, TARGET).catch(() => [])).length === afterMove + 1;
    return out;
  } finally {
    await d.logout().catch(() => d.close());
  }
}

beforeAll(async () => {
  stack = await startMailStack({ folders: { [UNIT_EMAIL]: ['Đã xử lý'] } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the Xử lý preset on the real Dovecot', () => {
  it('lrswite lets the delegate do everything processing needs', async () => {
    expect(ROLE_RIGHTS['xu-ly']).toBe('lrswite');
    expect(await tryRights('lrswite', 0)).toEqual({
      see: true,
      open: true,
      keepSeen: true,
      flag: true,
      move: true,
      moveWithoutMoveExtension: true,
    });
  });

  it('dropping any one letter breaks something', async () => {
    const broken: Record<string, Array<keyof Abilities>> = {};
    let n = 1;
    for (const letter of ROLE_RIGHTS['xu-ly']) {
      const result = await tryRights(ROLE_RIGHTS['xu-ly'].replace(letter, ''), n++);
      broken[letter] = (Object.keys(result) as Array<keyof Abilities>).filter((k) => !result[k]);
    }
    console.log(`[delegation] lrswite minus one letter, what stops working: ${JSON.stringify(broken)}`);
    expect(broken.l).toContain('see');
    expect(broken.r).toContain('open');
    expect(broken.s).toContain('keepSeen');
    expect(broken.w).toContain('flag');
    expect(broken.i).toEqual(expect.arrayContaining(['move', 'moveWithoutMoveExtension']));
    // Dovecot's MOVE needs only e on the source; t is what the COPY + \Deleted + EXPUNGE path needs.
    expect(broken.t).toEqual(['moveWithoutMoveExtension']);
    expect(broken.e).toEqual(expect.arrayContaining(['move', 'moveWithoutMoveExtension']));
    for (const letter of ROLE_RIGHTS['xu-ly']) expect(broken[letter], letter).not.toEqual([]);
  });
});
