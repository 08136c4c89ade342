import { describe, expect, it } from 'vitest';
import { htmlText, replaceLegacyFonts, splitHtml } from '../../../electron/services/mail/charset/html.ts';
import { convertLegacyHtml, convertLegacyParts } from '../../../electron/services/mail/charset/legacy.ts';
import { encodeTcvn3 } from '../../../electron/services/mail/charset/tcvn3.ts';
import { encodeVni } from '../../../electron/services/mail/charset/vni.ts';

describe('splitHtml', () => {
  it('separates text from tags, comments, script and style, and joins back losslessly', () => {
    const html =
      '<p class="a>b" title=\'x\'>Céng</p><!-- hoµ --><script>var s = "héi";</script>' +
      '<style>p{font-family:".VnTime"}</style>text & < more<br/>end';
    const segments = splitHtml(html);
    expect(segments.map((s) => s.value).join('')).toBe(html);
    expect(segments.filter((s) => s.text).map((s) => s.value)).toEqual(['Céng', 'text & < more', 'end']);
  });

  it('survives an unterminated tag or comment', () => {
    for (const html of ['<p class="x>Céng', 'a <!-- never closed', '<div', '<']) {
      expect(
        splitHtml(html)
          .map((s) => s.value)
          .join(''),
      ).toBe(html);
    }
  });
});

describe('convertLegacyHtml', () => {
  it('converts text only, keeps markup and non-Latin-1 entities byte for byte', () => {
    const html = `<p style="color:red" title="${encodeTcvn3('tiêu đề')}">${encodeTcvn3('Cộng hòa')} &amp; ${encodeTcvn3('xã hội')}&nbsp;<b>${encodeTcvn3('Việt Nam')}</b></p>`;
    expect(convertLegacyHtml(html, 'tcvn3')).toBe(
      `<p style="color:red" title="${encodeTcvn3('tiêu đề')}">Cộng hòa &amp; xã hội&nbsp;<b>Việt Nam</b></p>`,
    );
  });

  it('reads Latin-1 entities as the legacy bytes they stand for', () => {
    expect(convertLegacyHtml('<p>&sect;&eacute;c l&Euml;p - T&ugrave; do - H&#185;nh ph&#xF3;c</p>', 'tcvn3')).toBe(
      '<p>Độc lập - Tự do - Hạnh phúc</p>',
    );
    expect(convertLegacyHtml('<p>Vie&auml;t Nam</p>', 'vni')).toBe('<p>Việt Nam</p>');
  });

  it('does not touch scripts, styles or comments', () => {
    const html = `<style>.x{content:"${encodeTcvn3('đạo')}"}</style><!-- ${encodeTcvn3('đạo')} -->${encodeTcvn3('đạo')}`;
    expect(convertLegacyHtml(html, 'tcvn3')).toBe(
      `<style>.x{content:"${encodeTcvn3('đạo')}"}</style><!-- ${encodeTcvn3('đạo')} -->đạo`,
    );
  });
});

describe('replaceLegacyFonts', () => {
  it('points legacy families at Unicode ones, quoted or not', () => {
    expect(replaceLegacyFonts(`<p style='font-family:".VnTime"'>`)).toBe(`<p style='font-family:"Times New Roman"'>`);
    expect(replaceLegacyFonts('<span style="font-family:.VnArial, sans-serif">')).toBe(
      '<span style="font-family:sans-serif, sans-serif">',
    );
    expect(replaceLegacyFonts(`<div style="font-family:'VNI-Times'">`)).toBe(
      `<div style="font-family:'Times New Roman'">`,
    );
    expect(replaceLegacyFonts('<p class="x">')).toBe('<p class="x">');
  });

  it('keeps the capitals of the TCVN3 "H" fonts with text-transform', () => {
    expect(replaceLegacyFonts('<style>h1 { font-family: ".VnTimeH"; color: red }</style>')).toBe(
      '<style>h1 { font-family: "Times New Roman";text-transform:uppercase; color: red }</style>',
    );
    expect(replaceLegacyFonts('<font face=".VnArialH">')).toBe('<font face="Arial" style="text-transform:uppercase">');
    expect(replaceLegacyFonts('<style>p { font-family: ".VnTime" }</style>')).toBe(
      '<style>p { font-family: "Times New Roman" }</style>',
    );
  });
});

describe('htmlText', () => {
  it('drops markup and decodes Latin-1 entities for detection', () => {
    expect(htmlText('<p>&sect;&eacute;c</p><script>x</script>l&Euml;p')).toBe('§éc lËp');
  });
});

describe('convertLegacyParts', () => {
  const subject = 'Giấy mời họp giao ban';
  const text = 'Kính gửi các đơn vị.\nĐề nghị các đồng chí đến dự đúng giờ.';

  it('converts every part that shows the encoding and reports which', () => {
    const out = convertLegacyParts({
      subject: encodeTcvn3(subject),
      text: encodeTcvn3(text),
      html: `<p>${encodeTcvn3(text)}</p>`,
    });
    expect(out).toEqual({
      subject,
      text,
      html: `<p>${text}</p>`,
      legacy: { from: 'tcvn3', parts: ['subject', 'text', 'html'] },
    });
  });

  it('converts a one-word subject on the strength of the body', () => {
    const out = convertLegacyParts({ subject: encodeVni('Gửi anh Nam'), text: encodeVni(text), html: null });
    expect(out.subject).toBe('Gửi anh Nam');
    expect(out.legacy).toEqual({ from: 'vni', parts: ['subject', 'text'] });
  });

  it('leaves a Unicode subject over a legacy body alone', () => {
    const out = convertLegacyParts({ subject, text: encodeTcvn3(text), html: null });
    expect(out.subject).toBe(subject);
    expect(out.legacy).toEqual({ from: 'tcvn3', parts: ['text'] });
  });

  it('changes nothing in a Unicode or a foreign message', () => {
    const unicode = { subject, text, html: `<p>${text}</p>` };
    expect(convertLegacyParts(unicode)).toEqual({ ...unicode, legacy: null });
    const french = { subject: 'Procès-verbal', text: 'Réunion à Genève, après l’été.', html: null };
    expect(convertLegacyParts(french)).toEqual({ ...french, legacy: null });
  });
});
