import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyAttachment } from '../../shared/attachment-risk.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import {
  markOrigin,
  messageImapUrl,
  quarantineValue,
  senderUrl,
  zoneIdentifier,
  type Exec,
} from '../../electron/services/mail/origin-mark.ts';
import { tempDir } from '../support/temp-dir.ts';

const OCTET = 'application/octet-stream';
const reasons = (name: string, type = OCTET) => classifyAttachment(name, type).reasons;

describe('attachment risk: extension classes', () => {
  const classes: Record<string, string[]> = {
    executable: ['exe', 'scr', 'cpl', 'msi', 'msp', 'jar', 'appx', 'msix', 'appinstaller', 'cab', 'msu'],
    script: ['hta', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1', 'bat', 'cmd', 'chm', 'bas', 'scpt'],
    macro: ['docm', 'xlsm', 'pptm', 'xla', 'xlam', 'ade', 'adp', 'one', 'iqy', 'slk'],
    'disk-image': ['iso', 'img', 'vhd', 'vhdx'],
    shortcut: ['lnk', 'url', 'settingcontent-ms', 'library-ms', 'rdp', 'desktop'],
  };
  for (const [reason, extensions] of Object.entries(classes)) {
    it(`flags ${extensions.map((e) => `.${e}`).join(' ')} as ${reason}`, () => {
      for (const ext of extensions) {
        const risk = classifyAttachment(`tep-dinh-kem.${ext.toUpperCase()}`, OCTET);
        expect([ext, risk.risky, risk.extensionRisky, risk.reasons]).toEqual([ext, true, true, [reason]]);
      }
    });
  }

  it('leaves the documents units exchange alone', () => {
    for (const name of ['cong-van.pdf', 'du-thao.docx', 'bang.xlsx', 'anh.jpg', 'van-ban.xml', 'chu-ky.p7s']) {
      expect([name, classifyAttachment(name, OCTET).risky]).toEqual([name, false]);
    }
  });
});

describe('attachment risk: disguised names', () => {
  it('flags double extensions, with dots or spaces between', () => {
    expect(classifyAttachment('hoadon.pdf.exe', OCTET)).toMatchObject({
      risky: true,
      extension: 'exe',
      decoyExtension: 'pdf',
      reasons: ['executable', 'double-extension'],
    });
    expect(classifyAttachment('x.pdf .exe', OCTET)).toMatchObject({ decoyExtension: 'pdf', extension: 'exe' });
    expect(reasons('cong-van.docx          .scr')).toEqual(['executable', 'double-extension']);
    expect(reasons('bao-cao.pdf.lnk')).toEqual(['shortcut', 'double-extension']);
    expect(reasons('hoadon.pdf.exe. . ')).toEqual(['executable', 'double-extension']);
  });

  it('flags bidi and invisible controls and shows them', () => {
    for (const control of ['\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u200F', '\u200B', '\u061C']) {
      const name = `cong-van${control}fdp.exe`;
      const risk = classifyAttachment(name, OCTET);
      expect(risk.reasons).toContain('hidden-characters');
      const code = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      expect(risk.shownName).toBe(`cong-van⟦U+${code}⟧fdp.exe`);
    }
    expect(classifyAttachment('bao\u202Ecod.pdf', 'application/pdf')).toMatchObject({
      risky: true,
      reasons: ['hidden-characters'],
    });
  });

  it('notes that archives may contain programs, without asking before saving them', () => {
    for (const name of ['ho-so.zip', 'ho-so.rar', 'ho-so.7z', 'ho-so.tar', 'ho-so.gz', 'ho-so.tar.gz', 'HO-SO.TGZ']) {
      expect([name, classifyAttachment(name, OCTET)]).toMatchObject([name, { archive: true, risky: false }]);
    }
    expect(classifyAttachment('ho-so.pdf', OCTET).archive).toBe(false);
    expect(classifyAttachment('ho-so.zip.exe', OCTET)).toMatchObject({ archive: false, risky: true });
  });
});

describe('origin marks', () => {
  const origin = {
    originUrl: messageImapUrl('mail.binhphuoc.gov.vn', 993, 'Chỉ đạo/2027', 42),
    referrerUrl: senderUrl('so-tttt@binhphuoc.gov.vn'),
  };

  it('names the message and the sender', () => {
    expect(origin).toEqual({
      originUrl: 'imap://mail.binhphuoc.gov.vn:993/Ch%E1%BB%89%20%C4%91%E1%BA%A1o/2027/;UID=42',
      referrerUrl: 'mailto:so-tttt@binhphuoc.gov.vn',
    });
    expect(messageImapUrl('::1', 143, 'INBOX', 1)).toBe('imap://[::1]/INBOX/;UID=1');
    expect(senderUrl('a b@c')).toBeNull();
    expect(senderUrl(null)).toBeNull();
  });

  it('builds the Windows Mark of the Web: Internet zone, sender and message', () => {
    expect(zoneIdentifier(origin)).toBe(
      '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=mailto:so-tttt@binhphuoc.gov.vn\r\n' +
        'HostUrl=imap://mail.binhphuoc.gov.vn:993/Ch%E1%BB%89%20%C4%91%E1%BA%A1o/2027/;UID=42\r\n',
    );
    expect(zoneIdentifier({ originUrl: 'imap://h/INBOX/;UID=1\r\nZoneId=0', referrerUrl: null })).toBe(
      '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=imap://h/INBOX/;UID=1 ZoneId=0\r\n',
    );
  });

  it('builds the macOS quarantine value', () => {
    const when = new Date('2027-03-01T08:00:00Z');
    expect(quarantineValue(when, 'Hop thu don vi', '0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(
      `0081;${(when.getTime() / 1000).toString(16)};Hop thu don vi;0F8FAD5B-D9CB-469F-A165-70867728950E`,
    );
  });

  it('calls the platform tool with the mark, and skips with a logged note when it fails', async () => {
    const calls: Array<[string, string[]]> = [];
    const exec: Exec = async (file, args) => void calls.push([file, args]);
    const logs: unknown[] = [];
    const deps = {
      clock: new ManualClock(new Date('2027-03-01T08:00:00Z')),
      logger: { log: (...a: unknown[]) => logs.push(a) },
      exec,
    };
    expect(await markOrigin('/x/a.pdf', origin, { ...deps, platform: 'darwin' })).toBe('marked');
    expect(calls[0]?.[0]).toBe('/usr/bin/xattr');
    expect(calls[0]?.[1].slice(0, 2)).toEqual(['-w', 'com.apple.quarantine']);
    expect(calls[0]?.[1][2]).toMatch(/^0081;[0-9a-f]{8};Hop thu don vi;[0-9A-F-]{36}$/);
    const missing: Exec = async () => {
      throw Object.assign(new Error('spawn setfattr ENOENT'), { code: 'ENOENT' });
    };
    expect(await markOrigin('/x/a.pdf', origin, { ...deps, exec: missing, platform: 'linux' })).toBe('skipped');
    expect(JSON.stringify(logs)).toContain('setfattr');
  });
});

describe('origin marks on this machine (Linux, real setfattr)', () => {
  const dirs: Array<{ cleanup: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('writes user.xdg.origin.url and user.xdg.referrer.url', async () => {
    const dir = tempDir('um-origin-');
    dirs.push(dir);
    const path = join(dir.dir, 'cong van.pdf');
    writeFileSync(path, '%PDF-1.4');
    const logger = { log: () => {} };
    expect(await markOrigin(path, origin(), { platform: 'linux', clock: new ManualClock(0), logger })).toBe('marked');
    const read = (name: string) => execFileSync('getfattr', ['--only-values', '-n', name, path]).toString('utf8');
    expect(read('user.xdg.origin.url')).toBe('imap://mail.binhphuoc.gov.vn/INBOX/;UID=7');
    expect(read('user.xdg.referrer.url')).toBe('mailto:so-tttt@binhphuoc.gov.vn');
  });

  function origin() {
    return {
      originUrl: messageImapUrl('mail.binhphuoc.gov.vn', 143, 'INBOX', 7),
      referrerUrl: 'mailto:so-tttt@binhphuoc.gov.vn',
    };
  }
});
