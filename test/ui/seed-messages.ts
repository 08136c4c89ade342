// Messages seeded into the test mailbox: a plain Vietnamese directive and a
// hostile HTML message (script, event handler, remote tracker, javascript:
// link) that also carries a legitimate cid: image and a PDF attachment.
export const PLAIN_SUBJECT = 'V/v triển khai kế hoạch chuyển đổi số năm 2027';
export const PLAIN_BODY = [
  'Kính gửi: Văn phòng UBND tỉnh,',
  '',
  'Thực hiện Nghị quyết của Tỉnh ủy về chuyển đổi số, Chủ tịch UBND tỉnh chỉ đạo:',
  '1. Văn phòng chủ trì, phối hợp với Sở Khoa học và Công nghệ xây dựng kế hoạch chi tiết năm 2027.',
  '2. Các sở, ban, ngành báo cáo kết quả trước ngày 15/12/2026.',
  '',
  'Trân trọng./.',
].join('\r\n');

export const HTML_SUBJECT = 'Báo cáo tiến độ chuyển đổi số quý IV';
export const PDF_NAME = 'bao-cao-chuyen-doi-so-quy-IV.pdf';
export const LINK_URL = 'https://dichvucong.binhphuoc.gov.vn/ho-so?ma=123';
export const PWNED_TITLE = 'pwned';

const LOGO_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAVElEQVR42u3WwQ0AIAgDQBZhMQd0TXQCfvjxGia4RNsoaRMIAAF6BpRru3uAAAECBAgQoP+AxJK2pP1BgABpMS2mxTwxQIAAAQIECJAlbSgKIECDOUaM+UsxVfGgAAAAAElFTkSuQmCC';
const PDF = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK';

const b64utf8 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const encodedWord = (s: string) => `=?UTF-8?B?${b64utf8(s)}?=`;
/** base64 body lines of at most 76 chars (RFC 2045). */
const wrap76 = (b64: string) => b64.match(/.{1,76}/g)?.join('\r\n') ?? '';

export function plainDirective(to: string): string {
  return [
    `From: ${encodedWord('Lãnh đạo UBND tỉnh')} <lanhdao@binhphuoc.gov.vn>`,
    `To: ${to}`,
    `Subject: ${encodedWord(PLAIN_SUBJECT)}`,
    'Date: Mon, 23 Nov 2026 08:00:00 +0700',
    'Message-ID: <chi-dao-2027@binhphuoc.gov.vn>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap76(b64utf8(PLAIN_BODY)),
    '',
  ].join('\r\n');
}

/**
 * Every active part tries to leave a trace the test can see: the page title,
 * localStorage, a navigation or an image load to the tracker.
 */
export function hostileHtml(to: string, tracker: string): string {
  const pwn = `try{parent.document.title='${PWNED_TITLE}'}catch(e){};try{localStorage.setItem('pwned','1')}catch(e){};document.documentElement.setAttribute('data-pwned','1');location.href='${tracker}/script-ran'`;
  const html = `<!doctype html>
<html><head>
<meta http-equiv="refresh" content="0;url=${tracker}/meta-refresh">
<base href="${tracker}/">
<link rel="stylesheet" href="/not-counted-relative.css">
<style>h1 { color: #1d5aa6; font-size: 20px; } .note { background: #fff4dc; padding: 8px; }</style>
<script>${pwn}</script>
</head><body>
<h1>Báo cáo tiến độ chuyển đổi số quý IV</h1>
<p>Kính gửi Văn phòng UBND tỉnh,</p>
<p>Sở Thông tin và Truyền thông gửi báo cáo tiến độ (xem <b>tệp đính kèm</b>).</p>
<p><img src="cid:logo-so-tttt@binhphuoc.gov.vn" alt="Logo Sở TT&amp;TT" width="96" height="32"></p>
<img src="broken.png" onerror="${pwn}" alt="">
<img src="${tracker}/track.png" width="1" height="1" alt="">
<p class="note" onclick="${pwn}">Đề nghị xem và cho ý kiến trước ngày 30/11/2026.</p>
<p>Nộp hồ sơ tại <a href="${LINK_URL}">Cổng dịch vụ công tỉnh</a> hoặc <a href="javascript:${pwn}">bấm vào đây</a>.</p>
<form action="${tracker}/form"><input name="q"><button>Gửi</button></form>
<script>${pwn}</script>
</body></html>`;
  return [
    `From: ${encodedWord('Sở Thông tin và Truyền thông')} <so-tttt@binhphuoc.gov.vn>`,
    `To: ${to}`,
    `Subject: ${encodedWord(HTML_SUBJECT)}`,
    'Date: Tue, 24 Nov 2026 09:30:00 +0700',
    'Message-ID: <bao-cao-q4@binhphuoc.gov.vn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mix-1"',
    '',
    '--mix-1',
    'Content-Type: multipart/related; boundary="rel-1"',
    '',
    '--rel-1',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap76(b64utf8(html)),
    '--rel-1',
    'Content-Type: image/png; name="logo.png"',
    'Content-ID: <logo-so-tttt@binhphuoc.gov.vn>',
    'Content-Disposition: inline; filename="logo.png"',
    'Content-Transfer-Encoding: base64',
    '',
    wrap76(LOGO_PNG),
    '--rel-1--',
    '--mix-1',
    `Content-Type: application/pdf; name="${PDF_NAME}"`,
    `Content-Disposition: attachment; filename="${PDF_NAME}"`,
    'Content-Transfer-Encoding: base64',
    '',
    PDF,
    '--mix-1--',
    '',
  ].join('\r\n');
}
