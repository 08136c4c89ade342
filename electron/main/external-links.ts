// The one door from a mail link to the operating system: whatever the renderer sends, only the
// normalised URL (`new URL(x).href`) of an http(s) or mailto: link is passed on, never the raw
// string. Checked here in main as well as by the links.open handler, so a compromised renderer
// or handler cannot widen it.
import { normalizeOpenable, schemeOf } from '../../shared/link-safety.ts';

export type OpenExternal = (url: string) => Promise<void>;

/** Wraps the OS opener (shell.openExternal) so it only ever sees checked, normalised URLs. */
export function guardedOpenExternal(open: OpenExternal): OpenExternal {
  return async (url: string) => {
    const normalised = normalizeOpenable(url);
    if (normalised === null) throw new Error(`refused link scheme ${schemeOf(url) || 'unknown'}`);
    await open(normalised);
  };
}
