/**
 * The entry of a worker thread that sits beside the module asking for it (`from`, its
 * import.meta.url): the .ts source when the app runs from sources (tests; Node strips the
 * types), the built .js otherwise. electron.vite.config.ts builds each worker as an entry and
 * keeps every module of the main build in one folder, so the built worker is beside whichever
 * module the caller's code was bundled into.
 */
export function workerEntry(name: string, from: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}
