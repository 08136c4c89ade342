import { afterAll, describe, expect, it } from 'vitest';
import { AttachmentTextPool } from '../../electron/services/index/attachment-text.ts';
import { documentText } from '../../electron/services/index/document-text.ts';
import {
  corruptPdf,
  docxWithText,
  hugePdf,
  pdfWithText,
  rawMessage,
  type MessageSpec,
} from '../support/search-documents.ts';

const pool = new AttachmentTextPool();
afterAll(() => pool.close());

const spec = (over: Partial<MessageSpec>): MessageSpec => ({
  from: { name: 'Văn phòng UBND', address: 'vanphong@binhphuoc.gov.vn' },
  to: [{ name: '', address: 'sotttt@binhphuoc.gov.vn' }],
  subject: 'Thử',
  date: new Date(Date.UTC(2026, 0, 2)),
  body: 'Nội dung',
  messageId: `m${Math.random().toString(36).slice(2)}@test`,
  ...over,
});

describe('text of a message for the index', () => {
  it('decodes legacy bodies to NFC Unicode (windows-1258, TCVN3, VNI, HTML only)', async () => {
    const text = 'Quyết định giao nhiệm vụ chuyển đổi số cho các phòng ban chuyên môn thuộc ủy ban tỉnh.';
    for (const encoding of ['windows-1258', 'tcvn3', 'vni', 'html'] as const) {
      const entry = await documentText(rawMessage(spec({ body: text, encoding })), pool);
      expect(entry.body.replace(/\s+/g, ' ').trim(), encoding).toBe(text);
    }
  });

  it('reads the text layer of an attached PDF and the text of a DOCX, and forwarded messages', async () => {
    const inner = rawMessage(spec({ subject: 'Thư gốc chuyentiepgamma', body: 'Nội dung thư được chuyển tiếp.' }));
    const source = rawMessage(
      spec({
        attachments: [
          {
            filename: 'bien-ban.pdf',
            contentType: 'application/pdf',
            content: await pdfWithText('Bien ban vanbanpdfalpha'),
          },
          {
            filename: 'quyet-dinh.docx',
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            content: await docxWithText(['Quyết định phê duyệt', 'vanbandocxbeta']),
          },
        ],
        forwards: [inner],
      }),
    );
    const entry = await documentText(source, pool);
    expect(entry.notes).toEqual([]);
    expect(entry.hasAttachments).toBe(true);
    expect(entry.attachmentText).toContain('vanbanpdfalpha');
    expect(entry.attachmentText).toContain('Quyết định phê duyệt');
    expect(entry.attachmentText).toContain('vanbandocxbeta');
    expect(entry.attachmentText).toContain('Thư gốc chuyentiepgamma');
    expect(entry.attachmentText).toContain('Nội dung thư được chuyển tiếp.');
  });

  it('skips a corrupt and a 50 MB PDF with a note, and goes on', async () => {
    const source = rawMessage(
      spec({
        body: 'Hai tệp hỏng',
        attachments: [
          { filename: 'hong.pdf', contentType: 'application/pdf', content: corruptPdf() },
          { filename: 'rat-lon.pdf', contentType: 'application/pdf', content: hugePdf() },
          { filename: 'tot.pdf', contentType: 'application/pdf', content: await pdfWithText('vanbantotdelta') },
        ],
      }),
    );
    const entry = await documentText(source, pool);
    expect(entry.body.trim()).toBe('Hai tệp hỏng');
    expect(entry.notes).toHaveLength(2);
    expect(entry.notes[0]).toMatch(/^hong\.pdf: skipped, PDF text could not be read/);
    expect(entry.notes[1]).toMatch(/^rat-lon\.pdf: skipped, 52428800 bytes is over the \d+-byte limit/);
    expect(entry.attachmentText).toContain('vanbantotdelta');
  });
});
