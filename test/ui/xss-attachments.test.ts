// The risky-attachment classifier, in Node: shared/attachment-risk.ts is DOM-free
// (shared/ allows neither DOM nor Node APIs). The Chromium side (badge, confirmation dialog) is in
// xss-corpus.test.ts.
import { describe, expect, it } from 'vitest';
import { classifyAttachment, visibleFileName, type RiskReason } from '../../shared/attachment-risk.ts';

const OCTET = 'application/octet-stream';

function reasons(name: string, type = OCTET): RiskReason[] {
  return classifyAttachment(name, type).reasons;
}

describe('risky extensions', () => {
  it.each([
    ['setup.exe', 'executable'],
    ['tien-ich.js', 'script'],
    ['cap-nhat.vbs', 'script'],
    ['man-hinh.scr', 'executable'],
    ['chay.bat', 'script'],
    ['chay.cmd', 'script'],
    ['cai-dat.ps1', 'script'],
    ['Bao cao.lnk', 'shortcut'],
    ['trang.hta', 'script'],
    ['ung-dung.jar', 'executable'],
    ['bien-ban.docm', 'macro'],
    ['so-lieu.xlsm', 'macro'],
    ['trinh-chieu.pptm', 'macro'],
    ['goi.msi', 'executable'],
    ['lenh.com', 'executable'],
    ['bang-dieu-khien.cpl', 'executable'],
    ['cau-hinh.reg', 'system'],
    ['kich-ban.wsf', 'script'],
    ['ho-so.iso', 'disk-image'],
    ['ho-so.img', 'disk-image'],
    ['dang-nhap.html', 'web'],
  ] as const)('%s → %s', (name, reason) => {
    const risk = classifyAttachment(name, OCTET);
    expect(risk.risky).toBe(true);
    expect(risk.reasons).toContain(reason);
    expect(risk.extension).toBe(name.split('.').pop()?.toLowerCase());
  });

  it('is case-insensitive and ignores the trailing dots and spaces Windows strips', () => {
    expect(classifyAttachment('SETUP.EXE', OCTET).extension).toBe('exe');
    expect(classifyAttachment('virus.exe.', OCTET).extension).toBe('exe');
    expect(classifyAttachment('virus.exe . .  ', OCTET).extension).toBe('exe');
    expect(classifyAttachment('virus.exe . .  ', OCTET).risky).toBe(true);
    expect(classifyAttachment('..\\..\\Startup\\run.bat', OCTET).extension).toBe('bat');
    expect(classifyAttachment('.exe', OCTET).extension).toBe('exe');
  });
});

describe('double extensions', () => {
  it('names the decoy and the real extension', () => {
    const risk = classifyAttachment('cong-van.pdf.exe', OCTET);
    expect(risk).toMatchObject({ risky: true, extension: 'exe', decoyExtension: 'pdf' });
    expect(risk.reasons).toEqual(['executable', 'double-extension']);
    expect(risk.extensionRisky).toBe(true);
    expect(classifyAttachment('Bao-cao-tai-chinh.xlsx.scr', OCTET).decoyExtension).toBe('xlsx');
    expect(classifyAttachment('anh-the.jpg.js', OCTET).reasons).toContain('double-extension');
  });

  it('sees an extension pushed out of view with spaces', () => {
    expect(classifyAttachment('cong-van.pdf                                   .exe', OCTET)).toMatchObject({
      extension: 'exe',
      decoyExtension: 'pdf',
    });
    expect(reasons('cong-van                                   .exe')).toContain('double-extension');
  });

  it('leaves harmless dotted names alone', () => {
    expect(classifyAttachment('setup.v2.exe', OCTET).reasons).toEqual(['executable']);
    expect(classifyAttachment('Quyet-dinh-so-12.2026.pdf', 'application/pdf').risky).toBe(false);
    expect(classifyAttachment('virus.exe.pdf', 'application/pdf').risky).toBe(false);
  });
});

describe('hidden and reordering characters', () => {
  it('flags a right-to-left override and shows it', () => {
    const name = 'hop-dong\u202Efdp.exe'; // displays as "hop-dongexe.pdf"
    const risk = classifyAttachment(name, OCTET);
    expect(risk.extension).toBe('exe');
    expect(risk.reasons).toContain('hidden-characters');
    expect(risk.shownName).toBe('hop-dong⟦U+202E⟧fdp.exe');
  });

  it('flags zero-width, isolate and control characters even on a harmless extension', () => {
    expect(reasons('bao\u200Bcao.pdf', 'application/pdf')).toEqual(['hidden-characters']);
    expect(reasons('bao\u2067cao.pdf', 'application/pdf')).toEqual(['hidden-characters']);
    expect(reasons('bao\u0007cao.pdf', 'application/pdf')).toEqual(['hidden-characters']);
    expect(visibleFileName('a\uFEFFb')).toBe('a⟦U+FEFF⟧b');
  });

  it('keeps Vietnamese names as they are', () => {
    const name = 'Công văn số 125 về việc tổ chức hội nghị.pdf';
    expect(classifyAttachment(name, 'application/pdf')).toMatchObject({ risky: false, shownName: name });
    expect(classifyAttachment(name.normalize('NFD'), 'application/pdf').risky).toBe(false);
  });
});

describe('content type', () => {
  it('flags a program, script or macro type whatever the name', () => {
    expect(reasons('bao-cao.pdf', 'application/x-msdownload')).toEqual(['executable-type', 'type-mismatch']);
    expect(classifyAttachment('bao-cao.pdf', 'application/x-msdownload').extensionRisky).toBe(false);
    expect(reasons('bao-cao', 'application/x-msdownload')).toEqual(['executable-type']);
    expect(reasons('thu-moi.txt', 'text/javascript; charset=utf-8')).toEqual(['executable-type', 'type-mismatch']);
    expect(reasons('bien-ban.docx', 'application/vnd.ms-word.document.macroEnabled.12')).toEqual([
      'executable-type',
      'type-mismatch',
    ]);
    expect(reasons('anh.iso', 'application/x-iso9660-image')).toEqual(['disk-image', 'executable-type']);
  });

  it('flags an extension its declared type contradicts', () => {
    expect(reasons('bao-cao.pdf', 'text/html')).toEqual(['type-mismatch']);
    expect(reasons('anh-the.jpg', 'image/svg+xml')).toEqual(['type-mismatch']);
    expect(reasons('danh-sach.xlsx', 'text/html')).toEqual(['type-mismatch']);
    expect(classifyAttachment('bao-cao.pdf', 'TEXT/HTML; charset=utf-8').contentType).toBe('text/html');
  });

  it('accepts the types real mailers send', () => {
    for (const [name, type] of [
      ['Cong-van.pdf', 'application/pdf'],
      ['Cong-van.pdf', OCTET],
      ['Cong-van.pdf', ''],
      ['Du-thao.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['Du-thao.docx', 'application/msword'],
      ['Du-thao.doc', 'application/msword'],
      ['Bang-tinh.xls', 'application/vnd.ms-excel'],
      ['Bang-tinh.xlsx', 'application/zip'],
      ['Danh-sach.csv', 'text/csv'],
      ['Danh-sach.csv', 'application/vnd.ms-excel'],
      ['Anh.jpg', 'image/jpeg'],
      ['Anh.JPG', 'image/pjpeg'],
      ['Ho-so.zip', 'application/x-zip-compressed'],
      ['Ho-so.rar', 'application/x-rar-compressed'],
      ['Van-ban-dien-tu.xml', 'application/xml'],
      ['Chu-ky.p7s', 'application/pkcs7-signature'],
      ['Ghi-chu.txt', 'text/plain; charset=utf-8'],
    ] as const) {
      expect(classifyAttachment(name, type), `${name} ${type}`).toMatchObject({ risky: false, reasons: [] });
    }
  });
});
