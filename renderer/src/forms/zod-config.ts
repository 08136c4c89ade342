// Imported first by main.tsx, before any schema is built: under the app's CSP
// (no 'unsafe-eval') zod must not compile parsers with new Function, nor probe
// whether it may, which the browser reports as a CSP violation.
import { z } from 'zod';

z.config({ jitless: true });
