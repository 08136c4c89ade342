// The composer's pure logic: the text/plain part from the editor's document (quotes keep "> ",
// lists their bullets, links their targets), plain text back to editor HTML, the quoted reply
// and the forwarded header, what Reply / Reply all / Forward prefill, the chips' checks, the
// draft ↔ compose input round trip ("Hoàn tác"), and the writing shortcuts listed under "?".
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEND_POLICY, sendPolicyView } from '../../shared/send-policy.ts';
import type { MessageDetail } from '../../shared/mail.ts';
import { draftFromInput, emptyDraft, hasContent, toComposeInput } from '../../renderer/src/compose/draft.ts';
import { docToText, textToHtml, type DocNode } from '../../renderer/src/compose/plainText.ts';
import { prefillDraft, type PrefillWords } from '../../renderer/src/compose/prefill.ts';
import { forwardBody, quoteText, replyBody } from '../../renderer/src/compose/quote.ts';
import { chipView, splitRecipients } from '../../renderer/src/compose/recipientChips.ts';
import { composeCommandFor } from '../../renderer/src/compose/shortcuts.ts';
import { SHORTCUT_GROUPS } from '../../renderer/src/shortcuts/shortcutList.ts';

const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const text = (s: string, marks?: DocNode['marks']): DocNode => ({ type: 'text', text: s, ...(marks ? { marks } : {}) });
const li = (...content: DocNode[]): DocNode => ({ type: 'listItem', content });

describe('the text/plain part', () => {
  it('keeps paragraphs, quotes (nested), bullets, numbers, hard breaks and link targets', () => {
    const doc: DocNode = {
      type: 'doc',
      content: [
        p(text('Kính gửi các sở, ban, ngành,')),
        p(text('Dòng một'), { type: 'hardBreak' }, text('Dòng hai')),
        { type: 'bulletList', content: [li(p(text('Mục một'))), li(p(text('Mục hai')), p(text('tiếp theo')))] },
        { type: 'orderedList', attrs: { start: 3 }, content: [li(p(text('Ba'))), li(p(text('Bốn')))] },
        p(text('Xem '), text('Cổng dịch vụ công', [{ type: 'link', attrs: { href: 'https://dichvucong.gov.vn' } }])),
        {
          type: 'blockquote',
          content: [p(text('Vào hôm qua, A đã viết:')), { type: 'blockquote', content: [p(text('Trích cũ'))] }],
        },
        p(),
        p(text('-- ')),
        p(text('Văn phòng UBND tỉnh')),
      ],
    };
    expect(docToText(doc)).toBe(
      [
        'Kính gửi các sở, ban, ngành,',
        '',
        'Dòng một',
        'Dòng hai',
        '',
        '- Mục một',
        '- Mục hai',
        '  tiếp theo',
        '',
        '3. Ba',
        '4. Bốn',
        '',
        'Xem Cổng dịch vụ công <https://dichvucong.gov.vn>',
        '',
        '> Vào hôm qua, A đã viết:',
        '>',
        '> > Trích cũ',
        '',
        '-- ',
        '',
        'Văn phòng UBND tỉnh',
      ].join('\n'),
    );
  });

  it('writes a link once when its text is its target', () => {
    const href = 'https://binhphuoc.gov.vn';
    expect(docToText({ type: 'doc', content: [p(text(href, [{ type: 'link', attrs: { href } }]))] })).toBe(href);
  });

  it('turns plain text back into paragraphs and quotes, escaped', () => {
    expect(textToHtml('A <b>\nB\n\n> x\n> > y\nC')).toBe(
      '<p>A &lt;b&gt;<br>B</p><blockquote><p>x</p><blockquote><p>y</p></blockquote></blockquote><p>C</p>',
    );
  });
});

describe('quoting', () => {
  it('quotes text with "> " and one more ">" on quoted lines', () => {
    expect(quoteText('a\r\n\n> b\n')).toBe('> a\n>\n>> b');
  });

  it('builds the reply body: a line to write in, the header line, the quote', () => {
    const body = replyBody('Vào 1/12/2026, Sở Nội vụ đã viết:', { safeHtml: '<p>Nội dung</p>', text: 'Nội dung' });
    expect(body.html).toBe('<p></p><p>Vào 1/12/2026, Sở Nội vụ đã viết:</p><blockquote><p>Nội dung</p></blockquote>');
    expect(body.text).toBe('\n\nVào 1/12/2026, Sở Nội vụ đã viết:\n> Nội dung\n');
    expect(replyBody('H <x>', { safeHtml: null, text: 'a & b' }).html).toBe(
      '<p></p><p>H &lt;x&gt;</p><blockquote><p>a &amp; b</p></blockquote>',
    );
  });

  it('builds the forward body with the header block, not quoted', () => {
    const body = forwardBody(['---', 'Từ: A'], { safeHtml: null, text: 'Thân thư' });
    expect(body.html).toBe('<p></p><p>---<br>Từ: A</p><p>Thân thư</p>');
    expect(body.text).toBe('\n\n---\nTừ: A\n\nThân thư\n');
  });
});

const ORIGINAL: MessageDetail = {
  uid: 7,
  folder: 'INBOX',
  messageId: '<a@b>',
  date: '2026-12-01T02:00:00.000Z',
  from: [{ name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' }],
  to: [
    { name: '', address: 'vanphong@binhphuoc.gov.vn' },
    { name: 'Sở Y tế', address: 'soyte@binhphuoc.gov.vn' },
  ],
  cc: [{ name: 'Sở Tài chính', address: 'sotaichinh@binhphuoc.gov.vn' }],
  replyTo: [],
  subject: 'TL: RE: Kế hoạch năm 2027',
  flags: [],
  text: 'Nội dung',
  html: null,
  inlineImages: {},
  attachments: [
    { index: 0, filename: 'kh.pdf', contentType: 'application/pdf', size: 10, inline: false, contentId: null },
    { index: 1, filename: 'logo.png', contentType: 'image/png', size: 1, inline: true, contentId: 'l' },
  ],
  parseWarning: null,
  legacyEncoding: null,
  rawSource: null,
};
const WORDS: PrefillWords = {
  replyHeader: (date, name) => `Vào ${date}, ${name} đã viết:`,
  forward: { separator: '-- chuyển tiếp --', from: 'Từ:', date: 'Ngày:', subject: 'Tiêu đề:', to: 'Đến:', cc: 'Cc:' },
  messageFile: (s) => `${s}.eml`,
  formatDate: () => '01/12/2026 09:00',
};
const SOURCE = {
  message: ORIGINAL,
  body: { safeHtml: null, text: 'Nội dung' },
  ownAddresses: ['vanphong@binhphuoc.gov.vn'],
};

describe('prefill', () => {
  it('reply: the sender, one prefix, the quote, threading reference', () => {
    const d = prefillDraft('reply', SOURCE, WORDS);
    expect(d).toMatchObject({
      to: ['Sở Nội vụ <sonoivu@binhphuoc.gov.vn>'],
      cc: [],
      subject: 'Re: Kế hoạch năm 2027',
      original: { folder: 'INBOX', uid: 7, mode: 'reply' },
      attachments: [],
    });
    expect(d.text).toContain('Vào 01/12/2026 09:00, Sở Nội vụ đã viết:\n> Nội dung');
  });

  it('reply all: the others in To and Cc, without our own address', () => {
    const d = prefillDraft('reply-all', SOURCE, WORDS);
    expect(d.to).toEqual(['Sở Nội vụ <sonoivu@binhphuoc.gov.vn>', 'Sở Y tế <soyte@binhphuoc.gov.vn>']);
    expect(d.cc).toEqual(['Sở Tài chính <sotaichinh@binhphuoc.gov.vn>']);
  });

  it('forward: the files as parts (inline images left out); as attachment: the message', () => {
    const f = prefillDraft('forward', SOURCE, WORDS);
    expect(f.subject).toBe('Fwd: Kế hoạch năm 2027');
    expect(f.attachments.map((a) => a.payload)).toEqual([{ kind: 'part', folder: 'INBOX', uid: 7, index: 0 }]);
    expect(f.text).toContain('-- chuyển tiếp --\nTừ: Sở Nội vụ <sonoivu@binhphuoc.gov.vn>');
    const a = prefillDraft('forward-attachment', { ...SOURCE, size: 2048 }, WORDS);
    expect(a.attachments).toEqual([
      expect.objectContaining({
        name: 'Kế hoạch năm 2027.eml',
        size: 2048,
        payload: { kind: 'message', folder: 'INBOX', uid: 7 },
      }),
    ]);
    expect(a.original).toEqual({ folder: 'INBOX', uid: 7, mode: 'forward' });
  });
});

describe('recipient chips', () => {
  const policy = sendPolicyView(DEFAULT_SEND_POLICY, null, null, 10);

  it('splits pasted lists on , ; and new lines', () => {
    expect(splitRecipients('Sở Y tế <soyte@binhphuoc.gov.vn>; a@x.gov.vn\nb@y.gov.vn, sai')).toEqual([
      'Sở Y tế <soyte@binhphuoc.gov.vn>',
      'a@x.gov.vn',
      'b@y.gov.vn',
      'sai',
    ]);
  });

  it('marks invalid addresses with a reason, free webmail and outside domains', () => {
    expect(chipView('sai', policy)).toMatchObject({ problem: 'invalid', invalidReason: 'noAt' });
    expect(chipView('a@b', policy)).toMatchObject({ problem: 'invalid', invalidReason: 'domain' });
    expect(chipView('dan@gmail.com', policy).problem).toBe('freemail');
    expect(chipView('doitac@example.com', policy).problem).toBe('outside');
    expect(chipView('Sở Y tế <soyte@binhphuoc.gov.vn>', policy)).toMatchObject({ problem: null, label: 'Sở Y tế' });
    expect(chipView('dan@gmail.com', null).problem).toBeNull();
  });
});

describe('the draft', () => {
  it('goes to the compose input and comes back from it alike', () => {
    const draft = {
      ...emptyDraft(),
      from: 'vanphong@binhphuoc.gov.vn',
      to: ['a@x.gov.vn'],
      subject: 'Chủ đề',
      html: '<p>x</p>',
      text: 'x',
      requestReceipt: true,
      attachments: [
        {
          id: 'd1',
          name: 'bc.pdf',
          size: 3,
          contentType: 'application/pdf',
          risky: false,
          payload: { kind: 'data' as const, name: 'bc.pdf', contentType: 'application/pdf', base64: 'YWJj' },
        },
      ],
    };
    const input = toComposeInput(draft, 'acc');
    expect(input).toMatchObject({ accountId: 'acc', onBehalfOf: 'vanphong@binhphuoc.gov.vn', html: '<p>x</p>' });
    expect(draftFromInput(input)).toEqual({ ...draft, attachments: [{ ...draft.attachments[0], id: 'undo-0' }] });
    expect(draftFromInput(input, draft.attachments)).toEqual(draft);
    expect(toComposeInput({ ...draft, plain: true }, 'acc').html).toBeUndefined();
  });

  it('has content only when something changed from what it opened with', () => {
    const opened = { ...emptyDraft(), to: ['a@x.gov.vn'], text: 'quote' };
    expect(hasContent(opened, opened)).toBe(false);
    expect(hasContent({ ...opened, text: 'mới\nquote' }, opened)).toBe(true);
    expect(hasContent({ ...opened, cc: ['b@x.gov.vn'] }, opened)).toBe(true);
  });
});

describe('the writing shortcuts', () => {
  const press = (combo: string[]) => {
    const mods = new Set(combo.slice(0, -1));
    return {
      key: combo.at(-1) ?? '',
      ctrlKey: mods.has('Ctrl'),
      shiftKey: mods.has('Shift'),
      metaKey: false,
      altKey: false,
    };
  };
  it('does what the shortcuts window lists', () => {
    const group = SHORTCUT_GROUPS.find((g) => g.id === 'compose');
    const expected = { newMessage: 'new', reply: 'reply', replyAll: 'reply-all', forward: 'forward' } as const;
    for (const entry of group?.entries ?? []) {
      const want = expected[entry.action as keyof typeof expected];
      for (const combo of entry.combos) {
        const got = composeCommandFor(press(combo.map((k) => (k.length === 1 ? k.toLowerCase() : k))));
        expect(got, combo.join('+')).toBe(want ?? null);
      }
    }
  });
});
