// scripts/test-shifted.sh runs the tests under libfaketime (LD_PRELOAD + FAKETIME*). Processes that
// must keep the machine's real clock (the mail servers, Chromium) are started with this environment.

/** True when this process runs under libfaketime. */
export const clockShifted = (): boolean => process.env.LD_PRELOAD?.includes('faketime') === true;

/** This process's environment without libfaketime's variables. */
export function realClockEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key === 'LD_PRELOAD' || key.startsWith('FAKETIME')) delete env[key];
  return env;
}
