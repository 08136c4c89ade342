// Contacts import from vCard and CSV, fixtures inline: folded lines, several EMAILs, old Outlook
// quoted-printable names (UTF-8 and Windows-1258), N without FN; Outlook, Google and Vietnamese
// CSV headers, ';' separators, Windows-1258 bytes, formula-like cells refused (never evaluated),
// and the "N imported, M skipped (reason)" report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { decodeText, formulaLike } from '../../electron/services/contacts/contact-record.ts';
import { headerField, parseContactsCsv, sniffDelimiter } from '../../electron/services/contacts/contacts-csv.ts';
import { ContactsService } from '../../electron/services/contacts/contacts-service.ts';
import { ContactsStore } from '../../electron/services/contacts/contacts-store.ts';
import { parseVCards, unfold } from '../../electron/services/contacts/vcard-parse.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function service() {
  const store = new ContactsStore(':memory:');
  cleanups.push(() => store.close());
  return new ContactsService({ store, clock: new ManualClock(new Date('2026-03-02T08:00:00Z')) });
}

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('vCard', () => {
  it('reads 3.0 and 4.0 cards: folded lines, grouped and several EMAILs (PREF first), ORG, TITLE, TEL', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Nguyễn Văn An',
      'N:Nguyễn;An;Văn;;',
      'ORG:UBND tỉnh Bình Phước;Sở Nội vụ',
      'TITLE:Giám đốc',
      'TEL;TYPE=WORK:0271 3879 123',
      'EMAIL;TYPE=INTERNET:an.nguyen@',
      ' binhphuoc.gov.vn',
      'item1.EMAIL;TYPE=INTERNET,PREF:nvan@binhphuoc.gov.vn',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'N:Trần;Bình;Thị;;',
      'EMAIL;PREF=1:ttbinh@stc.binhphuoc.gov.vn',
      'NOTE:Phó Giám đốc\\, Sở Tài chính\\nđiện thoại: 3879 456',
      'END:VCARD',
    ]);
    const { contacts, skipped } = parseVCards(text);
    expect(skipped).toEqual([]);
    expect(contacts).toMatchObject([
      {
        name: 'Nguyễn Văn An',
        addresses: ['nvan@binhphuoc.gov.vn', 'an.nguyen@binhphuoc.gov.vn'],
        organization: 'UBND tỉnh Bình Phước · Sở Nội vụ',
        title: 'Giám đốc',
        phone: '0271 3879 123',
      },
      // No FN: the N parts in Vietnamese order, family name first.
      { name: 'Trần Thị Bình', addresses: ['ttbinh@stc.binhphuoc.gov.vn'] },
    ]);
  });

  it('reads old Outlook 2.1 exports: quoted-printable names with soft breaks, UTF-8 or Windows-1258', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:L=C3=AA;C=C6=B0=E1=BB=9Dng;V=C4=83n;;',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:L=C3=AA V=C4=83n C=C6=B0=E1=BB=',
      '=9Dng',
      'EMAIL;PREF;INTERNET:lvcuong@binhphuoc.gov.vn',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN;CHARSET=windows-1258;QUOTED-PRINTABLE:Nguy=EA=DEn Thi=F2 Hoa',
      'EMAIL;INTERNET:nthoa@sgddt.binhphuoc.gov.vn',
      'END:VCARD',
    ]);
    expect(unfold(text).filter((l) => l.startsWith('FN'))[0]).toBe(
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:L=C3=AA V=C4=83n C=C6=B0=E1=BB=9Dng',
    );
    const { contacts } = parseVCards(text);
    expect(contacts.map((c) => c.name)).toEqual(['Lê Văn Cường', 'Nguyễn Thị Hoa']);
    expect(contacts[1]?.name).toBe('Nguyễn Thị Hoa'.normalize('NFC'));
  });

  it('imports and reports: N imported, M skipped with the reason; a second import changes nothing', () => {
    const contacts = service();
    const text = crlf([
      'BEGIN:VCARD',
      'FN:Nguyễn Văn An',
      'EMAIL:nvan@binhphuoc.gov.vn',
      'EMAIL:NVAN@binhphuoc.gov.vn',
      'END:VCARD',
      'BEGIN:VCARD',
      'FN:Không có thư',
      'TEL:0912 345 678',
      'END:VCARD',
      'BEGIN:VCARD',
      'FN:Sai địa chỉ',
      'EMAIL:nguyễn@binhphuoc.gov.vn',
      'END:VCARD',
      'BEGIN:VCARD',
      'FN:Cắt dở',
    ]);
    const report = contacts.importText('danh-ba.vcf', text);
    expect(report).toMatchObject({ format: 'vcard', imported: 1, updated: 0, skipped: 4 });
    expect(report.reasons.map((r) => [r.reason, r.count])).toEqual([
      ['malformed', 1],
      ['duplicate-in-file', 1],
      ['no-address', 1],
      ['invalid-address', 1],
    ]);
    expect(report.summaryVi).toMatch(/^Đã nhập 1 liên hệ mới; bỏ qua 4 \(.*không có địa chỉ thư.*\)\.$/);
    expect(contacts.importText('danh-ba.vcf', text)).toMatchObject({ imported: 0, unchanged: 1 });
    const renamed = text.replace('FN:Nguyễn Văn An', 'FN:Nguyễn Văn An\r\nTITLE:Giám đốc');
    expect(contacts.importText('danh-ba.vcf', renamed)).toMatchObject({ imported: 0, updated: 1 });
    expect(contacts.list('giam doc')).toMatchObject([{ name: 'Nguyễn Văn An', title: 'Giám đốc' }]);
  });
});

describe('CSV', () => {
  it('maps Outlook, Google and Vietnamese headers', () => {
    expect(['E-mail Address', 'E-mail 2 Address', 'E-mail 1 - Value', 'Địa chỉ thư'].map(headerField)).toEqual([
      'email',
      'email',
      'email',
      'email',
    ]);
    expect(
      ['E-mail Display Name', 'E-mail Type', 'Title', 'Job Title', 'Họ và tên', 'Họ', 'Tên'].map(headerField),
    ).toEqual([null, null, null, 'title', 'name', 'family', 'given']);
    expect(sniffDelimiter('"Họ, tên";Địa chỉ thư;Đơn vị\n')).toBe(';');
  });

  it('reads an Outlook export (names in parts, three address columns)', () => {
    const csv = [
      'Title,First Name,Middle Name,Last Name,Company,Department,Job Title,E-mail Address,E-mail Display Name,E-mail 2 Address',
      'Ông,An,Văn,Nguyễn,UBND tỉnh,Sở Nội vụ,Giám đốc,nvan@binhphuoc.gov.vn,Nguyễn Văn An (nvan@…),an@snv.binhphuoc.gov.vn',
    ].join('\r\n');
    expect(parseContactsCsv(csv).contacts).toMatchObject([
      {
        name: 'Nguyễn Văn An',
        addresses: ['nvan@binhphuoc.gov.vn', 'an@snv.binhphuoc.gov.vn'],
        organization: 'UBND tỉnh · Sở Nội vụ',
        title: 'Giám đốc',
      },
    ]);
  });

  it('reads a Google export (" ::: " between addresses) and a Vietnamese Excel sheet in Windows-1258 with ";"', () => {
    const google =
      'Name,Given Name,Family Name,E-mail 1 - Label,E-mail 1 - Value\n' +
      'Trần Thị Bình,Bình,Trần,* Work,ttbinh@stc.binhphuoc.gov.vn ::: binh.tran@binhphuoc.gov.vn\n';
    expect(parseContactsCsv(google).contacts[0]?.addresses).toEqual([
      'ttbinh@stc.binhphuoc.gov.vn',
      'binh.tran@binhphuoc.gov.vn',
    ]);
    // "Họ và tên;Địa chỉ thư;Chức vụ" / "Nguyễn Thị Hoa;…;Trưởng phòng" as Excel saves it on a Vietnamese Windows.
    const bytes = Buffer.from(
      '486ff22076e02074ea6e3bd069f26120636869d2207468fd3b4368fdec63207675f20d0a' +
        '4e677579eade6e20546869f220486f613b6e74686f614073676464742e62696e687068756f632e676f762e766e3b' +
        '5472fdf5d26e672070686fcc6e670d0a',
      'hex',
    );
    const text = decodeText(bytes);
    expect(text.split('\r\n')[0]).toBe('Họ và tên;Địa chỉ thư;Chức vụ');
    expect(parseContactsCsv(text).contacts).toMatchObject([
      { name: 'Nguyễn Thị Hoa', addresses: ['nthoa@sgddt.binhphuoc.gov.vn'], title: 'Trưởng phòng' },
    ]);
  });

  it('refuses rows with formula-like cells, never evaluates them, and keeps "+84" phone numbers', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', ' =HYPERLINK("x")'].map(formulaLike)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['+84 912 345 678', '-', 'Nguyễn'].map(formulaLike)).toEqual([false, true, false]);
    const csv = [
      'Name,E-mail Address,Mobile Phone',
      '"=HYPERLINK(""http://evil.example"",""Nguyễn"")",evil@binhphuoc.gov.vn,',
      "Lê Văn Cường,=cmd|' /C calc'!A0,",
      'Hoàng Minh Nam,hmnam@binhphuoc.gov.vn,+84 912 345 678',
    ].join('\n');
    const report = service().importText('contacts.csv', csv);
    expect(report).toMatchObject({ format: 'csv', imported: 1, skipped: 2 });
    expect(report.reasons).toEqual([{ reason: 'formula-cell', count: 2, examples: ['dòng 2', 'dòng 3'] }]);
  });

  it('reads a file from disk (UTF-8 with BOM) and says when a CSV has no address column', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'Danh bạ.csv');
    writeFileSync(file, '\uFEFFHọ và tên,Thư điện tử\nPhạm Thu Hương,pthuong@bdt.binhphuoc.gov.vn\n');
    const contacts = service();
    expect(await contacts.importFile(file)).toMatchObject({ file: 'Danh bạ.csv', imported: 1 });
    expect(contacts.suggest('huong', 5)).toEqual([
      { name: 'Phạm Thu Hương', address: 'pthuong@bdt.binhphuoc.gov.vn', source: 'contacts' },
    ]);
    expect(contacts.importText('x.csv', 'Name,Phone\nA,1\n')).toMatchObject({
      imported: 0,
      reasons: [{ reason: 'no-address' }],
    });
    await expect(contacts.importFile(join(dir, 'absent.vcf'))).rejects.toMatchObject({ code: 'FILE_ERROR' });
  });
});
