// Where and how often the chain heads are reported (issue 15): the `chainReport` entry of the
// policy file the IT Centre deploys (send-policy-file.ts reads and checks the whole file).
// No entry, or a file that does not check, means no report.
import type { LoadedSendPolicy } from './send-policy-file.ts';

export interface ChainReportPolicy {
  /** The IT Centre's address. */
  to: string;
  everyDays: number;
}

export async function chainReportPolicy(load: () => Promise<LoadedSendPolicy>): Promise<ChainReportPolicy | null> {
  const loaded = await load();
  return loaded.error === null ? (loaded.policy.chainReport ?? null) : null;
}
