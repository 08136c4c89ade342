import { describe, expect, it } from 'vitest';
import { fetchRemoteImages, type ImageFetch } from '../../electron/services/mail/remote-images.ts';
import { sniffImageType } from '../../electron/services/net/image-sniff.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');

/** Answers as the guarded fetch would; the guard itself is tested against real servers in safe-fetch.test.ts. */
function fakeWeb(routes: Record<string, { status?: number; type?: string; body?: Buffer }>) {
  const asked: string[] = [];
  const fetchFn: ImageFetch = async (url) => {
    asked.push(url);
    const r = routes[url];
    if (!r) throw new Error('refused');
    return { url, status: r.status ?? 200, contentType: r.type ?? '', body: r.body ?? Buffer.alloc(0) };
  };
  return { fetchFn, asked };
}

describe('remote images on request', () => {
  it('returns raster images as data: URLs typed by their bytes, and refuses SVG, HTML and liars', async () => {
    const { fetchFn } = fakeWeb({
      'https://cdn.binhphuoc.gov.vn/logo.png': { type: 'image/png', body: PNG },
      'https://cdn.binhphuoc.gov.vn/really-gif.jpg': { type: 'image/jpeg', body: GIF },
      'https://evil.example/x.svg': { type: 'image/svg+xml', body: Buffer.from('<svg onload=alert(1)>') },
      'https://evil.example/fake.png': { type: 'image/png', body: Buffer.from('<html><script>alert(1)</script>') },
      'https://evil.example/page': { type: 'text/html', body: PNG },
      'https://evil.example/gone.png': { status: 404, type: 'image/png', body: PNG },
    });
    const out = await fetchRemoteImages(
      [
        'https://cdn.binhphuoc.gov.vn/logo.png',
        'https://cdn.binhphuoc.gov.vn/really-gif.jpg',
        'https://evil.example/x.svg',
        'https://evil.example/fake.png',
        'https://evil.example/page',
        'https://evil.example/gone.png',
        'file:///etc/passwd',
      ],
      fetchFn,
    );
    expect(out).toEqual({
      'https://cdn.binhphuoc.gov.vn/logo.png': `data:image/png;base64,${PNG.toString('base64')}`,
      'https://cdn.binhphuoc.gov.vn/really-gif.jpg': `data:image/gif;base64,${GIF.toString('base64')}`,
    });
  });

  it('fails as a whole only when nothing could be loaded', async () => {
    const { fetchFn, asked } = fakeWeb({});
    await expect(
      fetchRemoteImages(['https://a.example/x.png', 'https://a.example/x.png'], fetchFn),
    ).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect(asked).toEqual(['https://a.example/x.png']);
  });

  it('knows image types by their magic bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]))).toBe(
      'image/jpeg',
    );
    expect(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(4))).toBeNull();
  });
});
