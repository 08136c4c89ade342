// "Quy tắc": the unit's rules for the ledger on this computer (the head's quy chế): whether arriving
// directives are registered by themselves, and the default deadline of each urgency in working
// days (weekends, Tết and public holidays are skipped). Saved as preferences; the next assignment
// and the next sync use them.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { URGENCIES, type Urgency } from '../../../shared/ledger.ts';
import { LEDGER_AUTO_REGISTER, type LedgerAutoRegister, type Preferences } from '../../../shared/settings.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLedgerT } from './i18n.ts';

type Days = Preferences['ledgerDeadlineDays'];

export function LedgerRulesView() {
  const { t, urgency } = useLedgerT();
  const ids = useId();
  const [auto, setAuto] = useState<LedgerAutoRegister | null>(null);
  const [days, setDays] = useState<Days | null>(null);
  const [state, setState] = useState<{ saved?: boolean; error?: UiError }>({});
  useEffect(() => {
    let live = true;
    invoke('preferences.get', {}).then(
      (p) => live && (setAuto(p.ledgerAutoRegister), setDays(p.ledgerDeadlineDays)),
      (e: unknown) => live && setState({ error: toUiError(e) }),
    );
    return () => void (live = false);
  }, []);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!auto || !days) return;
    try {
      await invoke('preferences.update', { ledgerAutoRegister: auto, ledgerDeadlineDays: days });
      setState({ saved: true });
    } catch (err) {
      setState({ error: toUiError(err) });
    }
  };
  const setDay = (u: Urgency, v: string) => days && setDays({ ...days, [u]: Math.max(0, Math.trunc(Number(v) || 0)) });
  return (
    <section className="ledger-rules" aria-label={t('rules.label')} data-testid="ledger-rules">
      {state.error && <ErrorNotice error={state.error} testId="rules-error" />}
      {auto && days && (
        <form className="ledger-form" onSubmit={(e) => void save(e)}>
          <fieldset>
            <legend>{t('rules.autoRegister')}</legend>
            {LEDGER_AUTO_REGISTER.map((k) => (
              <label key={k} className="inline-row">
                <input
                  type="radio"
                  name={`${ids}-auto`}
                  checked={auto === k}
                  data-testid={`rules-auto-${k}`}
                  onChange={() => (setAuto(k), setState({}))}
                />
                {t(`rules.auto.${k}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('rules.deadlines')}</legend>
            {URGENCIES.map((u) => (
              <label key={u} className="inline-row">
                <span>{urgency(u)}</span>
                <input
                  type="number"
                  min={0}
                  max={365}
                  required
                  value={days[u]}
                  data-testid={`rules-days-${u}`}
                  onChange={(e) => (setDay(u, e.target.value), setState({}))}
                />
                <span>{t('rules.workingDays')}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-primary" data-testid="rules-save">
            {t('rules.save')}
          </button>
          {state.saved && (
            <p role="status" data-testid="rules-saved">
              {t('rules.saved')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
