import { describe, expect, it } from 'vitest';
import { mbsyncConfig } from '../bench/handover/mbsync-baseline.ts';
import { measuredRun } from '../bench/handover/measured-run.ts';
import { SECTION_TITLE, replaceSection } from '../bench/handover/report.ts';
import {
  ATTACHMENT_MAX,
  ATTACHMENT_MIN,
  BENCH_FOLDERS,
  attachmentSize,
  benchMessage,
  folderOf,
  planRange,
} from '../bench/handover/synthetic-mailbox.ts';

describe('handover benchmark: synthetic mailbox', () => {
  it('is deterministic: message i is the same bytes in the same folder every time', () => {
    for (const i of [0, 1, 7, 4242, 19_999]) {
      expect(benchMessage(i)).toBe(benchMessage(i));
      expect(folderOf(i)).toBe(folderOf(i));
    }
    expect(benchMessage(1)).not.toBe(benchMessage(2));
  });

  it('gives about one message in five an attachment of 10 KB–2 MB, log-uniform', () => {
    const sizes = Array.from({ length: 20_000 }, (_, i) => attachmentSize(i)).filter((s) => s > 0);
    expect(sizes.length / 20_000).toBeGreaterThan(0.18);
    expect(sizes.length / 20_000).toBeLessThan(0.22);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(ATTACHMENT_MIN);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(ATTACHMENT_MAX);
    // Log-uniform: the geometric midpoint (~143 KB) splits them in half, so the total stays ~2 GB.
    const mid = Math.sqrt(ATTACHMENT_MIN * ATTACHMENT_MAX);
    const below = sizes.filter((s) => s < mid).length / sizes.length;
    expect(below).toBeGreaterThan(0.45);
    expect(below).toBeLessThan(0.55);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(2.5 * 1024 ** 3);
  });

  it('writes well-formed messages whose attachment decodes to the planned size', () => {
    const i = Array.from({ length: 200 }, (_, k) => k).find((k) => attachmentSize(k) > 0) as number;
    const text = benchMessage(i);
    expect(text).toMatch(/^From: .+\nTo: .+\nSubject: =\?UTF-8\?B\?/);
    const b64 = text.split('Content-Transfer-Encoding: base64\n\n')[1]?.split('\n--=_bench--')[0] ?? '';
    const decoded = Buffer.from(b64.replace(/\n/g, ''), 'base64').length;
    expect(decoded).toBeGreaterThanOrEqual(attachmentSize(i));
    expect(decoded).toBeLessThan(attachmentSize(i) + 57);
  });

  it('spreads messages over every folder in proportion and plans ranges without overlap', () => {
    const plan = planRange(0, 10_000);
    for (const f of BENCH_FOLDERS) {
      const n = plan.get(f.path)?.length ?? 0;
      expect(n / 10_000).toBeGreaterThan(f.share * 0.8);
      expect(n / 10_000).toBeLessThan(f.share * 1.2);
    }
    const a = [...planRange(0, 500).values()].flat();
    const b = [...planRange(500, 1000).values()].flat();
    expect(new Set([...a, ...b]).size).toBe(1000);
  });
});

describe('handover benchmark: report and baseline config', () => {
  it('replaces its own section and keeps the rest of BENCHMARKS.md', () => {
    const base = '# Benchmarks\n\nintro\n';
    const once = replaceSection(base, `${SECTION_TITLE}\n\nfirst\n`);
    expect(once).toBe(`# Benchmarks\n\nintro\n\n${SECTION_TITLE}\n\nfirst\n`);
    const twice = replaceSection(`${once}\n## Later\n\nkept\n`, `${SECTION_TITLE}\n\nsecond\n`);
    expect(twice).toContain('second');
    expect(twice).not.toContain('first');
    expect(twice).toContain('## Later\n\nkept');
    expect(twice.startsWith('# Benchmarks\n\nintro\n')).toBe(true);
  });

  it('keeps the password out of the mbsync config', () => {
    const cfg = mbsyncConfig({ imapsPort: 993, user: 'u@x', password: 'S3cret!', caFile: '/ca.pem' }, '/m');
    expect(cfg).not.toContain('S3cret!');
    expect(cfg).toMatch(/PassCmd "printenv UM_BENCH_IMAP_PASSWORD"/);
    expect(cfg).toMatch(/CertificateFile \/ca\.pem/);
  });
});

describe('handover benchmark: measured child runs', () => {
  it('reports the child’s own peak RSS, its exit code and when each phase began', async () => {
    const script = [
      "process.stderr.write('alpha\\n');",
      'setTimeout(() => {',
      "  process.stderr.write('beta [##..] 1/2\\n');",
      '  const big = Buffer.alloc(150 * 1024 * 1024, 1);',
      '  setTimeout(() => process.exit(big[7] === 1 ? 3 : 0), 600);',
      '}, 600);',
    ].join('\n');
    const r = await measuredRun(process.execPath, ['-e', script], { phases: /^(alpha|beta)\b/ });
    expect(r.exitCode).toBe(3);
    expect(r.peakRssMb).toBeGreaterThan(150);
    expect(r.peakRssMb).toBeLessThan(1024);
    expect(r.rssByPhase.map((p) => p.phase)).toEqual(['start', 'alpha', 'beta']);
    const beta = r.rssByPhase[2] as { atMs: number; peakMb: number };
    expect(beta.atMs).toBeGreaterThan(400);
    expect(beta.peakMb).toBeGreaterThan(150);
    expect((r.rssByPhase[1] as { peakMb: number }).peakMb).toBeLessThan(150);
    expect(r.ms).toBeGreaterThan(1000);
  }, 30_000);
});
