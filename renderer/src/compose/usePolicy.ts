// The Article 11 sending policy (compose.policy), read once per composer: the chips are
// marked with it before anything is sent. Without it the chips are not marked; main checks
// again on "Gửi" either way.
import { useEffect, useState } from 'react';
import type { SendPolicyView } from '../../../shared/compose.ts';
import { invoke } from '../api.ts';

export function usePolicy(): SendPolicyView | null {
  const [policy, setPolicy] = useState<SendPolicyView | null>(null);
  useEffect(() => {
    let live = true;
    invoke('compose.policy', {})
      .then((p) => {
        if (live) setPolicy(p);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return policy;
}
