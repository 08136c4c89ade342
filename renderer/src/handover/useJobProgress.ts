// The latest 'handover.progress' event of one kind of job (export, verify…).
import { useCallback, useEffect, useState } from 'react';
import type { HandoverJob, HandoverProgressEvent } from '../../../shared/contract-handover.ts';
import { onEvent } from '../api.ts';

export function useJobProgress(job: HandoverJob): [HandoverProgressEvent | null, () => void] {
  const [progress, setProgress] = useState<HandoverProgressEvent | null>(null);
  useEffect(
    () =>
      onEvent('handover.progress', (event) => {
        if (event.job === job) setProgress(event);
      }),
    [job],
  );
  const reset = useCallback(() => setProgress(null), []);
  return [progress, reset];
}
