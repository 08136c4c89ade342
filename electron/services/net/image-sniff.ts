/**
 * The raster image type a body really is, from its first bytes; null for
 * anything else (SVG and HTML included). A server's Content-Type is a claim,
 * the magic bytes are what a decoder will act on.
 */
export type RasterType =
  'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/bmp' | 'image/avif' | 'image/x-icon';

const ascii = (body: Buffer, start: number, end: number) => body.subarray(start, end).toString('latin1');

export function sniffImageType(body: Buffer): RasterType | null {
  if (body.length < 12) return null;
  if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg';
  if (ascii(body, 0, 6) === 'GIF87a' || ascii(body, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(body, 0, 4) === 'RIFF' && ascii(body, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(body, 0, 2) === 'BM' && body.readUInt32LE(2) === body.length) return 'image/bmp';
  if (ascii(body, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(body, 8, 12))) return 'image/avif';
  if (body.readUInt32BE(0) === 0x00000100 && body.readUInt16LE(4) > 0) return 'image/x-icon';
  return null;
}
