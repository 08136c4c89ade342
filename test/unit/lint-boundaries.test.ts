// The runtime boundaries are enforced by the project's real checkers: every dependency-cruiser rule
// of .dependency-cruiser.cjs fires, by name, on a planted violation, and stays quiet on the imports
// each side may make; ESLint's remaining boundary rules (forbidden globals) do the same.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A planted tree: path → source. Each file marked with the rules it must violate (none: it may
 * import what it does). Files only imported by others carry [].
 */
const PLANTED: Record<string, { source: string; violates: string[] }> = {
  // What each side may import: no violation.
  'electron/main/window.ts': {
    source: "import { app } from 'electron';\nimport { join } from 'node:path';\nexport const w = [app, join];\n",
    violates: [],
  },
  'electron/preload/index.ts': {
    source:
      "import { contextBridge } from 'electron';\nimport { ok } from '../../shared/ok.ts';\nexport const p = [contextBridge, ok];\n",
    violates: [],
  },
  'electron/services/x/ok.ts': {
    source:
      "import { readFile } from 'node:fs/promises';\nimport { ImapFlow } from 'imapflow';\nimport { ok } from '../../../shared/ok.ts';\nexport const s = [readFile, ImapFlow, ok];\nexport type S = string;\n",
    violates: [],
  },
  'shared/ok.ts': { source: "import { z } from 'zod';\nexport const ok = z.string();\n", violates: [] },
  'renderer/src/app.ts': {
    source: [
      "import { useState } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import i18next from 'i18next';",
      "import { useTranslation } from 'react-i18next';",
      "import DOMPurify from 'dompurify';",
      "import { z } from 'zod';",
      "import { useForm } from 'react-hook-form';",
      "import { zodResolver } from '@hookform/resolvers/zod';",
      "import { ok } from '../../shared/ok.ts';",
      'export const r = [useState, createRoot, i18next, useTranslation, DOMPurify, z, useForm, zodResolver, ok];',
      '',
    ].join('\n'),
    violates: [],
  },

  // Planted violations, each named by the rule it breaks.
  'electron/services/x/uses-electron.ts': {
    source: "import { app } from 'electron';\nexport const a = app;\n",
    violates: ['electron-only-in-adapter'],
  },
  'electron/cli/uses-electron-store.ts': {
    source: "import Store from 'electron-store';\nexport const s = Store;\n",
    violates: ['electron-only-in-adapter'],
  },
  'shared/uses-electron.ts': {
    // Electron is neither the adapter's nor on the browser side's list: two rules, both named.
    source: "import type { IpcMain } from 'electron';\nexport type I = IpcMain;\n",
    violates: ['electron-only-in-adapter', 'browser-only-allowed-packages'],
  },
  'electron/cli/uses-react.ts': {
    source: "import { useState } from 'react';\nexport const u = useState;\n",
    violates: ['services-no-ui'],
  },
  'electron/services/x/uses-dompurify.ts': {
    source: "import DOMPurify from 'dompurify';\nexport const d = DOMPurify;\n",
    violates: ['services-no-ui'],
  },
  'electron/services/x/uses-main.ts': {
    source: "import { w } from '../../main/window.ts';\nexport const m = w;\n",
    violates: ['services-not-on-adapter'],
  },
  'electron/main/uses-renderer.ts': {
    source: "import { r } from '../../renderer/src/app.ts';\nexport const m = r;\n",
    violates: ['main-not-on-renderer'],
  },
  'renderer/src/uses-services.ts': {
    // A type-only import is a dependency too (tsPreCompilationDeps).
    source: "import type { S } from '../../electron/services/x/ok.ts';\nexport type R = S;\n",
    violates: ['renderer-not-on-electron'],
  },
  'shared/uses-renderer.ts': {
    source: "import { r } from '../renderer/src/app.ts';\nexport const s = r;\n",
    violates: ['shared-is-a-leaf'],
  },
  'shared/uses-services.ts': {
    source: "import type { S } from '../electron/services/x/ok.ts';\nexport type T = S;\n",
    violates: ['shared-is-a-leaf'],
  },
  'renderer/src/uses-node-fs.ts': {
    source: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    violates: ['browser-no-node-builtins'],
  },
  'shared/uses-bare-path.ts': {
    source: "import { join } from 'path';\nexport const j = join;\n",
    violates: ['browser-no-node-builtins'],
  },
  'renderer/src/uses-imapflow.ts': {
    source: "import { ImapFlow } from 'imapflow';\nexport const i = ImapFlow;\n",
    violates: ['browser-only-allowed-packages'],
  },
  'renderer/src/uses-pkijs.ts': {
    source: "import * as pkijs from 'pkijs';\nexport const p = pkijs;\n",
    violates: ['browser-only-allowed-packages'],
  },
  'shared/uses-tar.ts': {
    source: "import { create } from 'tar';\nexport const c = create;\n",
    violates: ['browser-only-allowed-packages'],
  },
  // A circle of type-only imports is still a circle.
  'electron/services/circle/a.ts': {
    source: "import type { B } from './b.ts';\nexport interface A { b?: B }\n",
    violates: ['no-circular'],
  },
  'electron/services/circle/b.ts': {
    source: "import type { A } from './a.ts';\nexport interface B { a?: A }\n",
    violates: ['no-circular'],
  },
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  /** For no-circular: the modules of the circle (reported once, from one of them). */
  cycle?: Array<{ name: string }>;
}

let planted: string;
let violations: Violation[];

beforeAll(async () => {
  planted = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, { source }] of Object.entries(PLANTED)) {
    mkdirSync(dirname(join(planted, path)), { recursive: true });
    writeFileSync(join(planted, path), source);
  }
  // The real packages, seen at node_modules/<name>/… as in the repository (preserveSymlinks below).
  symlinkSync(join(repo, 'node_modules'), join(planted, 'node_modules'), 'dir');
  // The project's own rules and options; only the symlink needs telling.
  writeFileSync(
    join(planted, '.dependency-cruiser.cjs'),
    `const base = require(${JSON.stringify(join(repo, '.dependency-cruiser.cjs'))});\n` +
      'module.exports = { ...base, options: { ...base.options, preserveSymlinks: true } };\n',
  );
  const cli = join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  // Exit status 1 is expected: there are violations. The report is on stdout either way.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'electron', 'shared', 'renderer/src'],
    { cwd: planted, maxBuffer: 64 * 1024 * 1024 },
  ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  violations = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}, 120_000);

afterAll(() => {
  if (planted) rmSync(planted, { recursive: true, force: true });
});

describe('dependency boundaries (dependency-cruiser)', () => {
  const involving = (file: string) =>
    violations.filter((v) => v.from === file || (v.cycle ?? []).some((c) => c.name === file));
  const rulesOf = (file: string) => [...new Set(involving(file).map((v) => v.rule.name))];

  for (const [file, { violates }] of Object.entries(PLANTED)) {
    if (violates.length === 0) {
      it(`${file} may import what it does`, () => expect(rulesOf(file)).toEqual([]));
    } else {
      it(`${file} is refused by ${violates.join(', ')}`, () => {
        expect(rulesOf(file).sort()).toEqual([...violates].sort());
        for (const v of involving(file)) expect(v.rule.severity).toBe('error');
      });
    }
  }

  it('every rule of the configuration is proven by a planted violation', async () => {
    const { createRequire } = await import('node:module');
    const config = createRequire(import.meta.url)(join(repo, '.dependency-cruiser.cjs')) as {
      forbidden: Array<{ name: string }>;
    };
    const proven = new Set(Object.values(PLANTED).flatMap((p) => p.violates));
    expect(config.forbidden.map((r) => r.name).filter((name) => !proven.has(name))).toEqual([]);
  });
});

describe('forbidden globals (ESLint)', () => {
  const eslint = new ESLint({ cwd: repo });
  async function ruleIds(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse');
  }

  it('a service touching the DOM is an error', async () => {
    expect(await ruleIds('electron/services/x/bad.ts', 'export const d = document.title;\n')).toContain(
      'no-restricted-globals',
    );
  });

  it('shared/ touching the DOM or Node globals is an error', async () => {
    expect(await ruleIds('shared/bad.ts', 'export const w = window.location;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('shared/bad2.ts', 'export const p = process.env;\n')).toContain('no-restricted-globals');
  });

  it('the renderer touching Node globals is an error', async () => {
    expect(await ruleIds('renderer/src/bad.ts', 'export const b = Buffer.from("x");\n')).toContain(
      'no-restricted-globals',
    );
  });

  it('the same code is fine where it belongs', async () => {
    expect(await ruleIds('renderer/src/ok.ts', 'export const d = document.title;\n')).toEqual([]);
    expect(await ruleIds('electron/services/x/ok.ts', 'export const p = process.env;\n')).toEqual([]);
  });
});
