// "Hoàn tác (9 s)": the seconds left before a queued message leaves, from its sendAfter.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/useT.ts';

const secondsLeft = (until: number) => Math.max(0, Math.ceil((until - Date.now()) / 1000));

export function UndoCountdown({ until }: { until: number }) {
  const { t } = useT('compose');
  const [seconds, setSeconds] = useState(() => secondsLeft(until));
  useEffect(() => {
    const timer = setInterval(() => setSeconds(secondsLeft(until)), 250);
    return () => clearInterval(timer);
  }, [until]);
  return <span data-testid="undo-seconds">{t('undoIn', { seconds })}</span>;
}
