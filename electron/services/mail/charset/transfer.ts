import { Buffer } from 'node:buffer';

function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x3d) {
      out[n++] = b;
      continue;
    }
    const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) {
      i += 2;
    } else if (bytes[i + 1] === 0x0a) {
      i += 1;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

/** A part body without its Content-Transfer-Encoding (base64 or quoted-printable; anything else as is). */
export function transferDecode(body: Buffer, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}
