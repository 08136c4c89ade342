import { spawnSync } from 'node:child_process';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { parseCertificates } from '../../electron/services/identity/certificates.ts';
import { deleteAcl, getAcl, setAcl } from '../../electron/services/imap/imap-acl.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { DELEGATE, rawCommand, sharedPath, startSides, stopSides, type Side } from '../support/delegation-sides.ts';
import { UNIT_EMAIL, UNIT_FOLDERS, connectOther, directive, passwordOf } from '../support/fixtures.ts';
import { countInTree } from '../support/profile-scan.ts';
import { offsetClock } from '../../electron/services/clock/clock.ts';

// Delegation against the real Dovecot (ACL + shared namespace + INDEXPVT) and the real keychain.
let stack: MailStack;
let head: Side;
let delegate: Side;
const INBOX = sharedPath('INBOX');
const PROCESSED = sharedPath('Đã xử lý');

async function denied(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('PERMISSION_DENIED');
  return e as AppError;
}

async function uidsOf(client: ImapFlow, path: string): Promise<number[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const found = await client.search({ all: true }, { uid: true });
    return Array.isArray(found) ? found : [];
  } finally {
    lock.release();
  }
}

async function flagsOf(client: ImapFlow, path: string, uid: number): Promise<string[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true });
    return msg ? [...(msg.flags ?? [])] : [];
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  stack = await startMailStack({ folders: { [UNIT_EMAIL]: UNIT_FOLDERS } });
  for (let i = 1; i <= 3; i++) {
    await stack.appendMessage(UNIT_EMAIL, 'INBOX', directive(`Công văn số ${i}/UBND-VP`, `Nội dung công văn ${i}.`));
  }
  ({ head, delegate } = await startSides(stack));
});

afterAll(async () => {
  await stopSides({ head, delegate });
  await stack?.stop();
});

describe('delegation through IMAP ACL (real Dovecot)', () => {
  it('sees ACL support and an empty register; record folders stay out of the folder lists', async () => {
    const service = head.delegation();
    expect(await service.aclSupported(head.accountId)).toMatchObject({ supported: true, rightsCapability: 'texk' });
    const overview = await service.overview(head.accountId);
    expect(overview.aclSupported).toBe(true);
    expect(overview.grants).toEqual([]);
    expect(overview.register).toMatchObject({ records: 0, intact: true });
    const inbox = overview.folders.find((f) => f.path === 'INBOX');
    expect(inbox?.entries).toEqual([
      expect.objectContaining({ identifier: UNIT_EMAIL, owner: true, rights: 'lrswipkxtea' }),
    ]);
    expect(inbox?.myRightsWords).toContain('quản trị quyền');
  });

  it('Xem: the delegate reads through the shared namespace; STORE, APPEND and EXPUNGE are refused', async () => {
    const grant = await head.delegation().grant(head.accountId, { delegate: DELEGATE, role: 'xem', scope: 'all' });
    expect(grant).toMatchObject({ rights: 'lrs', warnings: [], record: { seq: 1, type: 'grant', prev: '' } });
    expect(grant.folders).toEqual(expect.arrayContaining(['INBOX', 'Đã xử lý', 'Chỉ đạo']));
    expect(grant.folders.some((f) => f.startsWith('UnitMailbox'))).toBe(false);
    // The register now exists but is hidden from the app's folder lists.
    expect((await head.services.mail.folders(head.accountId)).map((f) => f.path)).not.toContain(
      'UnitMailbox/Delegation',
    );

    const shared = await delegate.delegation().sharedMailboxes(delegate.accountId);
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ owner: UNIT_EMAIL, prefix: `shared/${UNIT_EMAIL}/` });
    const sharedInbox = shared[0]?.folders.find((f) => f.path === INBOX);
    expect(sharedInbox).toMatchObject({ rights: 'lrs', abilities: { read: true, flag: false, fileInto: false } });
    expect(sharedInbox?.words).toEqual(['thấy thư mục', 'đọc thư', 'giữ trạng thái đã đọc']);
    expect(shared[0]?.folders.map((f) => f.path)).not.toContain(sharedPath('UnitMailbox/Delegation'));

    const list = await delegate.services.mail.messages(delegate.accountId, INBOX, 10);
    expect(list.map((m) => m.subject)).toContain('Công văn số 1/UBND-VP');
    const uid = list[0]!.uid;
    const detail = await delegate.services.mail.message(delegate.accountId, INBOX, uid);
    expect(detail.text).toContain('Nội dung công văn');

    // The server itself: STORE of \Flagged and \Deleted is ignored (RFC 4314 §4: OK, no change),
    // APPEND gets NO [NOPERM], EXPUNGE removes nothing.
    const raw = await connectOther(stack, DELEGATE);
    try {
      const lock = await raw.getMailboxLock(INBOX);
      try {
        expect([...((raw.mailbox as { permanentFlags?: Set<string> }).permanentFlags ?? [])]).toEqual(['\\Seen']);
        await rawCommand(raw, 'UID STORE', [
          { type: 'SEQUENCE', value: String(uid) },
          { type: 'ATOM', value: '+FLAGS' },
          ['\\Flagged', '\\Deleted', '$DaXuLy'].map((value) => ({ type: 'ATOM', value })),
        ]);
        await rawCommand(raw, 'EXPUNGE', []);
      } finally {
        lock.release();
      }
      expect(await flagsOf(raw, INBOX, uid)).not.toEqual(expect.arrayContaining(['\\Flagged']));
      expect(await flagsOf(raw, INBOX, uid)).not.toContain('\\Deleted');
      expect(await uidsOf(raw, INBOX)).toContain(uid);
      const append = await raw.append(INBOX, 'Subject: x\r\n\r\nx\r\n').catch((e: unknown) => e);
      expect(append).toMatchObject({ responseStatus: 'NO', serverResponseCode: 'NOPERM' });
    } finally {
      await raw.logout();
    }

    // The app: each of these is PERMISSION_DENIED with a clear Vietnamese message.
    const actions = delegate.services.actions;
    const flags = await denied(actions.setFlags(delegate.accountId, INBOX, [uid], ['\\Flagged'], []));
    expect(flags.messageVi).toMatch(/^Máy chủ từ chối: bạn không có quyền gắn nhãn\/cờ cho thư trong thư mục/);
    expect(flags.messageVi).toContain('Cần thêm quyền: gắn nhãn/cờ');
    const append = await denied(actions.append(delegate.accountId, INBOX, 'Subject: x\r\n\r\nx\r\n'));
    expect(append.messageVi).toContain('thêm thư vào thư mục');
    const move = await denied(actions.move(delegate.accountId, INBOX, [uid], PROCESSED));
    expect(move.messageVi).toContain('xóa hẳn (expunge)');
    await denied(actions.trash(delegate.accountId, INBOX, [uid]));
    // \Seen is within 'lrs', and kept per user (INDEXPVT): the head still sees the message unread.
    await actions.setFlags(delegate.accountId, INBOX, [uid], ['\\Seen'], []);
    const own = await connectOther(stack, UNIT_EMAIL);
    try {
      expect(await flagsOf(own, 'INBOX', uid)).not.toContain('\\Seen');
    } finally {
      await own.logout();
    }
  });

  it('Xử lý: the delegate sets keywords and files a message from INBOX into Đã xử lý', async () => {
    const change = await head.delegation().grant(head.accountId, { delegate: DELEGATE, role: 'xu-ly', scope: 'all' });
    expect(change).toMatchObject({ rights: 'lrswite', record: { seq: 2, type: 'change' } });
    const actions = delegate.services.actions;
    const [uid] = (await delegate.services.mail.messages(delegate.accountId, INBOX, 10)).map((m) => m.uid);
    await actions.setFlags(delegate.accountId, INBOX, [uid!], ['$DaXuLy', '\\Flagged'], []);
    const moved = await actions.move(delegate.accountId, INBOX, [uid!], PROCESSED);
    expect(moved.moved).toBe(1);
    const own = await connectOther(stack, UNIT_EMAIL);
    try {
      const filed = await uidsOf(own, 'Đã xử lý');
      expect(filed).toHaveLength(1);
      expect(await flagsOf(own, 'Đã xử lý', filed[0]!)).toEqual(expect.arrayContaining(['$DaXuLy', '\\Flagged']));
      expect(await uidsOf(own, 'INBOX')).not.toContain(uid);
    } finally {
      await own.logout();
    }
  });

  it('a grant for the whole mailbox reaches folders created later', async () => {
    const own = await connectOther(stack, UNIT_EMAIL);
    try {
      await own.mailboxCreate('Báo cáo 2026');
    } finally {
      await own.logout();
    }
    const overview = await head.delegation().overview(head.accountId);
    expect(overview.appliedToNewFolders).toEqual(['Báo cáo 2026']);
    const folder = overview.folders.find((f) => f.path === 'Báo cáo 2026');
    expect(folder?.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ identifier: DELEGATE, rights: 'lrswite' })]),
    );
    expect(overview.grants).toEqual([expect.objectContaining({ delegate: DELEGATE, status: 'active', role: 'xu-ly' })]);
  });

  it('drift: a right set by another client is flagged, and the one-click fix is recorded', async () => {
    const other = await connectOther(stack, UNIT_EMAIL);
    try {
      await setAcl(other, 'Chỉ đạo', DELEGATE, '+kx');
      await deleteAcl(other, 'Hồ sơ & Lưu trữ', DELEGATE);
    } finally {
      await other.logout();
    }
    const service = head.delegation();
    const report = await service.check(head.accountId);
    expect(report.ok).toBe(false);
    expect(report.drift.map((f) => [f.kind, f.folder, f.identifier, f.rights])).toEqual(
      expect.arrayContaining([
        ['unexplained', 'Chỉ đạo', DELEGATE, 'kx'],
        ['missing', 'Hồ sơ & Lưu trữ', DELEGATE, 'lrswite'],
      ]),
    );
    expect(report.drift).toHaveLength(2);
    const unexplained = report.drift.find((f) => f.kind === 'unexplained')!;
    expect(report.register.intact).toBe(true);
    const fixed = await service.fixDrift(head.accountId, unexplained);
    expect(fixed).toMatchObject({ type: 'drift-fix', delegate: DELEGATE, rights: 'lrswite', scope: ['Chỉ đạo'] });
    const after = await service.check(head.accountId, { fix: true });
    expect(after.fixed.map((f) => f.kind)).toEqual(['missing']);
    expect(after).toMatchObject({ ok: true, drift: [] });
    const own = await connectOther(stack, UNIT_EMAIL);
    try {
      expect(await getAcl(own, 'Hồ sơ & Lưu trữ')).toEqual(
        expect.arrayContaining([{ identifier: DELEGATE, rights: expect.stringMatching(/^[lrswited]+$/) }]),
      );
    } finally {
      await own.logout();
    }
  });

  // How long revoke → refusal takes is a benchmark figure (it had a 1 s bound here); what is checked
  // is the order: once revoke() has resolved, the delegate's very next command is refused.
  it('revoke: the delegate’s next command fails as soon as revoke() resolves', async () => {
    const [stillThere] = (await delegate.services.mail.messages(delegate.accountId, INBOX, 10)).map((m) => m.uid);
    // Independent sessions of the delegate, logged in before the revoke: one asks for INBOX's status,
    // one has INBOX selected.
    const probe = await connectOther(stack, DELEGATE);
    const open = await connectOther(stack, DELEGATE);
    await open.mailboxOpen(INBOX);
    const statusOk = () =>
      probe.status(INBOX, { messages: true }).then(
        (s) => s !== false,
        () => false,
      );
    expect(await statusOk()).toBe(true);
    const result = await head.delegation().revoke(head.accountId, DELEGATE);
    expect(await statusOk()).toBe(false);
    console.log(
      `[delegation] revoke: DELETEACL+GETACL on ${result.folders.length} folders ${result.elapsedMs} ms; ` +
        'the next STATUS was refused',
    );
    expect(result).toMatchObject({
      delegate: DELEGATE,
      confirmedEmpty: true,
      remaining: [],
      record: { type: 'revoke' },
    });

    // The app's next command fails with PERMISSION_DENIED.
    const next = await denied(
      delegate.services.actions.setFlags(delegate.accountId, INBOX, [stillThere!], ['\\Flagged'], []),
    );
    expect(next.messageVi).toContain('Máy chủ từ chối');
    await expect(delegate.delegation().sharedMailboxes(delegate.accountId)).resolves.toEqual([]);
    // A session that had INBOX selected before the revoke: writes stop at once (cache_secs=0), a new SELECT is
    // refused; Dovecot does not re-check 'r' for FETCH in a mailbox that is already open (see README).
    const stillOpen = await open.fetchOne('*', { uid: true }).then(
      (m) => (m ? 'FETCH still answered' : 'no message'),
      () => 'FETCH refused',
    );
    console.log(`[delegation] session selected before the revoke: ${stillOpen}`);
    await expect(open.mailboxOpen(PROCESSED)).rejects.toThrow();
    await Promise.all([probe.logout(), open.logout().catch(() => undefined)]);
  });

  it('expiry: a grant past its end date is revoked at the next start', async () => {
    const day = 24 * 60 * 60 * 1000;
    const service = head.delegation();
    const grant = await service.grant(head.accountId, {
      delegate: DELEGATE,
      role: 'xem',
      scope: ['INBOX'],
      validUntil: new Date(Date.now() + day).toISOString(),
    });
    expect(grant.folders).toEqual(['INBOX']);
    // Two days later, a new instance (the app restarted): first "expired, revoking", then revoked and recorded.
    const later = head.delegation(offsetClock(2 * day));
    const before = await later.overview(head.accountId);
    expect(before.grants.find((g) => g.delegate === DELEGATE)?.status).toBe('expired-revoking');
    expect(await later.expireDue(head.accountId)).toEqual({ expired: [DELEGATE], activated: [] });
    const after = await later.overview(head.accountId);
    expect(after.grants.find((g) => g.delegate === DELEGATE)?.status).toBe('expired');
    expect(after.folders.find((f) => f.path === 'INBOX')?.entries.map((e) => e.identifier)).toEqual([UNIT_EMAIL]);
    expect(after.register.intact).toBe(true);
    expect(await later.expireDue(head.accountId)).toEqual({ expired: [], activated: [] });
  });

  it('a grant that starts later is applied when its day comes, once', async () => {
    const day = 24 * 60 * 60 * 1000;
    const grant = await head.delegation().grant(head.accountId, {
      delegate: DELEGATE,
      role: 'xem',
      scope: ['Chỉ đạo'],
      validFrom: new Date(Date.now() + day).toISOString(),
    });
    expect(grant).toMatchObject({ folders: [], warnings: ['not-yet-valid'] });
    const today = await head.delegation().overview(head.accountId);
    expect(today.grants.find((g) => g.delegate === DELEGATE)?.status).toBe('scheduled');
    expect(today.folders.find((f) => f.path === 'Chỉ đạo')?.entries.map((e) => e.identifier)).toEqual([UNIT_EMAIL]);
    const later = head.delegation(offsetClock(2 * day));
    expect(await later.expireDue(head.accountId)).toEqual({ expired: [], activated: [DELEGATE] });
    expect(await later.expireDue(head.accountId)).toEqual({ expired: [], activated: [] });
    const own = await connectOther(stack, UNIT_EMAIL);
    try {
      expect(await getAcl(own, 'Chỉ đạo')).toEqual(
        expect.arrayContaining([{ identifier: DELEGATE, rights: expect.stringMatching(/^[lrs]{3}$/) }]),
      );
    } finally {
      await own.logout();
    }
    expect((await later.check(head.accountId)).ok).toBe(true);
    expect((await head.delegation().revoke(head.accountId, DELEGATE)).confirmedEmpty).toBe(true);
  });

  it('in ACL mode the unit password never reaches the delegate (profile folder and keychain)', async () => {
    const unitPassword = passwordOf(stack, UNIT_EMAIL);
    const delegatePassword = passwordOf(stack, DELEGATE);
    // The scan finds what is there: the delegate's own address is in its settings file.
    expect(countInTree(delegate.profileDir, DELEGATE).count).toBeGreaterThan(0);
    expect(countInTree(delegate.profileDir, unitPassword)).toEqual({ count: 0, files: [] });
    const service = (delegate.keychain as unknown as { service: string }).service;
    const search = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
    const dump = `${search.stdout}${search.stderr}`;
    expect(dump).toContain(delegatePassword);
    expect(dump.split(unitPassword)).toHaveLength(1);
    for (const a of delegate.services.accounts.list()) {
      expect(await delegate.keychain.get(`password:${a.email}`)).not.toBe(unitPassword);
    }
  });

  it('never seals the unit password where the server has ACL (Art. 9)', async () => {
    const cert = parseCertificates(new TextEncoder().encode(await head.identity.certificatePem()))[0]!;
    const before = (await head.delegation().exportRegister(head.accountId)).lines.length;
    const refused = await head
      .delegation()
      .sealCredentialFor(head.accountId, cert)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).messageVi).toContain('không giao mật khẩu hộp thư (Điều 9)');
    expect((await head.delegation().exportRegister(head.accountId)).lines).toHaveLength(before);
  });

  it('the register names an edited record and a removed last record', async () => {
    const service = head.delegation();
    const exported = await service.exportRegister(head.accountId);
    const count = exported.lines.length;
    expect(count).toBeGreaterThanOrEqual(6);
    expect((await service.check(head.accountId)).register.intact).toBe(true);

    // Replace record #2 with a copy whose rights were changed (the old signature kept).
    const own = await connectOther(stack, UNIT_EMAIL);
    const folder = 'UnitMailbox/Delegation';
    let editedUid: number;
    try {
      const lock = await own.getMailboxLock(folder);
      try {
        const msgs = [];
        for await (const m of own.fetch('1:*', { uid: true, source: true })) msgs.push(m);
        const second = msgs.find((m) =>
          m.source!.toString('latin1').includes('X-Unit-Mailbox-Record: delegation; seq=2\r\n'),
        )!;
        const source = second.source!.toString('latin1');
        const b64 =
          /filename="record\.json"\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(
            source,
          )!;
        const json = Buffer.from(b64[1]!.replace(/\r\n/g, ''), 'base64')
          .toString('utf8')
          .replace('"lrswite"', '"lrswipkxtea"');
        const forged = source.replace(
          b64[1]!,
          Buffer.from(json, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n'),
        );
        const appended = await own.append(folder, Buffer.from(forged, 'latin1'), ['\\Seen']);
        editedUid = appended ? Number(appended.uid) : 0;
        await own.messageDelete(String(second.uid), { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await own.logout();
    }
    const edited = await service.check(head.accountId);
    expect(edited.ok).toBe(false);
    expect(edited.register.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'bad-signature', seq: 2, uid: editedUid }),
        expect.objectContaining({ kind: 'broken-chain', seq: 3 }),
      ]),
    );

    // Remove the last record: only the head kept on this computer can tell.
    const again = await connectOther(stack, UNIT_EMAIL);
    try {
      const lock = await again.getMailboxLock(folder);
      try {
        const subjects: Array<{ uid: number; subject: string }> = [];
        for await (const m of again.fetch('1:*', { uid: true, envelope: true }))
          subjects.push({ uid: m.uid, subject: m.envelope?.subject ?? '' });
        const last = subjects.find((m) => m.subject.includes(`#${count} `));
        expect(last).toBeDefined();
        await again.messageDelete(String(last!.uid), { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await again.logout();
    }
    const removed = await service.check(head.accountId);
    expect(removed.register.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'missing-last', seq: count })]),
    );
    expect(removed.register.problems.find((p) => p.kind === 'missing-last')?.messageVi).toContain(
      `Bản ghi số ${count}`,
    );
  });
});
