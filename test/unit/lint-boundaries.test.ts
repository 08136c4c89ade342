import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the runtime boundaries are enforced by the project's real ESLint config.
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse');
}

describe('runtime boundaries', () => {
  it('a service importing electron is an error', async () => {
    expect(
      await ruleIds('electron/services/x/bad.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toContain('no-restricted-imports');
  });

  it('the CLI importing electron is an error', async () => {
    expect(
      await ruleIds('electron/cli/bad.ts', "import { shell } from 'electron';\nexport const s = shell;\n"),
    ).toContain('no-restricted-imports');
  });

  it('the renderer importing a node: module is an error', async () => {
    expect(
      await ruleIds('renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
    ).toContain('no-restricted-imports');
  });

  it('shared/ using Node or the DOM is an error', async () => {
    expect(await ruleIds('shared/bad.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('shared/bad2.ts', 'export const w = window.location;\n')).toContain('no-restricted-globals');
  });

  it('the Electron adapter and the preload may import electron', async () => {
    expect(await ruleIds('electron/main/ok.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual(
      [],
    );
    expect(
      await ruleIds(
        'electron/preload/ok.ts',
        "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n",
      ),
    ).toEqual([]);
  });
});
