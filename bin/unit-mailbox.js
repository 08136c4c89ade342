#!/usr/bin/env node
// Entry point for `npx unit-mailbox`. The CLI is built with the app (`npm run build`).
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `unit-mailbox needs Node >= 22.12 (this is ${process.version}); run it through npx or npm scripts.\n`,
  );
  process.exit(1);
}
const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('unit-mailbox is not built yet: run `npm run build` first.\n');
  process.exit(1);
}
// V8's code cache on disk (in the OS temp folder): every later start skips compiling the app's
// and its libraries' modules again. Optional: without it the CLI only starts slower.
enableCompileCache?.();
const { runCli } = await import(built);
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
