import { describe, expect, it } from 'vitest';
import { fetchRemoteImages, isLoopbackUrl, type ImageFetch } from '../../electron/services/mail/remote-images.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);

function fakeWeb(routes: Record<string, { status?: number; type?: string; body?: Buffer; location?: string }>) {
  const asked: string[] = [];
  const fetchFn: ImageFetch = async (url) => {
    asked.push(url);
    const r = routes[url] ?? { status: 404 };
    const headers = new Map<string, string>();
    if (r.type) headers.set('content-type', r.type);
    if (r.location) headers.set('location', r.location);
    return {
      ok: (r.status ?? 200) < 300,
      status: r.status ?? 200,
      headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null },
      arrayBuffer: async () => {
        const b = r.body ?? Buffer.alloc(0);
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      },
    };
  };
  return { fetchFn, asked };
}

describe('remote images on request', () => {
  it('returns raster images as data: URLs and refuses SVG, HTML and other schemes', async () => {
    const { fetchFn, asked } = fakeWeb({
      'https://cdn.binhphuoc.gov.vn/logo.png': { type: 'image/png', body: PNG },
      'https://evil.example/x.svg': { type: 'image/svg+xml', body: Buffer.from('<svg onload=alert(1)>') },
      'https://evil.example/page': { type: 'text/html', body: Buffer.from('<script>') },
    });
    const out = await fetchRemoteImages(
      [
        'https://cdn.binhphuoc.gov.vn/logo.png',
        'https://evil.example/x.svg',
        'https://evil.example/page',
        'file:///etc/passwd',
        'javascript:alert(1)',
      ],
      fetchFn,
    );
    expect(Object.keys(out)).toEqual(['https://cdn.binhphuoc.gov.vn/logo.png']);
    expect(out['https://cdn.binhphuoc.gov.vn/logo.png']).toMatch(/^data:image\/png;base64,/);
    expect(asked).not.toContain('file:///etc/passwd');
  });

  it('never fetches from the user own machine, even through a redirect', async () => {
    expect(isLoopbackUrl(new URL('http://127.0.0.1:8080/admin'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://[::1]/'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://app.localhost/'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://10.0.0.5/logo.png'))).toBe(false);
    const { fetchFn, asked } = fakeWeb({
      'https://tracker.example/r.png': { status: 302, location: 'http://127.0.0.1:9000/steal' },
      'http://127.0.0.1:9000/steal': { type: 'image/png', body: PNG },
    });
    await expect(
      fetchRemoteImages(['https://tracker.example/r.png', 'http://localhost/x.png'], fetchFn),
    ).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect(asked).toEqual(['https://tracker.example/r.png']);
  });
});
