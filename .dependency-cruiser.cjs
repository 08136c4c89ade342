// @ts-check
// The import boundaries of the app, checked by dependency-cruiser (`npm run lint` runs
// `depcruise electron shared renderer/src bin`). Each rule is proven to fire on a planted
// violation by test/unit/lint-boundaries.test.ts. ESLint keeps only what an import graph
// cannot see: forbidden globals (window, document, process, Buffer…) per side.
//
// Paths are relative to the repository root; an npm package resolves to node_modules/<name>/…,
// a Node built-in ('node:fs', bare 'fs') has the dependency type 'core'.

/** What the browser side (renderer/src, shared) may import from npm: nothing Node-only. */
const BROWSER_PACKAGES = [
  'react',
  'react-dom',
  'i18next',
  'react-i18next',
  'dompurify',
  'zod',
  'react-hook-form',
  '@hookform/resolvers',
  // The composer's rich-text editor (TipTap over ProseMirror).
  '@tiptap/react',
  '@tiptap/starter-kit',
  '@tiptap/pm',
  '@tiptap/core',
];
/** Packages that need a DOM or are the UI: the services and the CLI have none. */
const UI_PACKAGES = [
  'react',
  'react-dom',
  'react-i18next',
  'i18next',
  'dompurify',
  'react-hook-form',
  '@hookform/resolvers',
  '@tiptap/react',
  '@tiptap/starter-kit',
  '@tiptap/pm',
  '@tiptap/core',
];

const packages = (names) => `^node_modules/(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles, type-only imports included: move the shared part to its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'electron-only-in-adapter',
      severity: 'error',
      comment:
        'Only electron/main and electron/preload import Electron (and electron-store, which needs it); ' +
        'services and the CLI get platform capabilities injected.',
      from: { pathNot: '^electron/(main|preload)/' },
      to: { path: packages(['electron', 'electron-store']) },
    },
    {
      name: 'services-no-ui',
      severity: 'error',
      comment: 'Services and the CLI are plain Node: no React, no DOM packages.',
      from: { path: '^electron/(services|cli)/' },
      to: { path: packages(UI_PACKAGES) },
    },
    {
      name: 'services-not-on-adapter',
      severity: 'error',
      comment: 'Services and the CLI depend on neither the Electron adapter (main, preload) nor the renderer.',
      from: { path: '^electron/(services|cli)/' },
      to: { path: '^(electron/(main|preload)|renderer)/' },
    },
    {
      name: 'main-not-on-renderer',
      severity: 'error',
      comment: 'Main and the preload never import renderer code; they share only shared/.',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'renderer-not-on-electron',
      severity: 'error',
      comment: 'The renderer talks to main only through window.unitMailbox (the contract in shared/).',
      from: { path: '^renderer/src/' },
      to: { path: '^electron/' },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'shared/ runs on both sides and depends on nothing else in the app.',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'browser-no-node-builtins',
      severity: 'error',
      comment: 'renderer/src and shared/ run in a sandboxed web page: no Node built-in (node:* or bare fs, path…).',
      from: { path: '^(renderer/src|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-only-allowed-packages',
      severity: 'error',
      comment:
        'renderer/src and shared/ import only their own files and the browser packages allowed here ' +
        '(Node-only packages such as imapflow, nodemailer, tar, pkijs would not run in the page).',
      from: { path: '^(renderer/src|shared)/' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: [`^(renderer/src|shared|electron)/`, packages(BROWSER_PACKAGES)],
      },
    },
  ],
  options: {
    // `import type` counts: a circle of types is still a circle, and a type import can carry a boundary.
    tsPreCompilationDeps: true,
    doNotFollow: { path: '(^|/)node_modules/' },
    // Anchored: a package's own dist/ folder (node_modules/x/dist/…) must stay visible to the rules.
    exclude: { path: '^(out|dist|test-artifacts)/' },
    // The sources import with explicit .ts/.tsx extensions; these resolve the few without one.
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
