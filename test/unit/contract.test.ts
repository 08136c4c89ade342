import { describe, expect, it } from 'vitest';
import { CHANNELS, buildVerbs, contract } from '../../shared/contract.ts';

describe('IPC contract', () => {
  it('builds nested verbs for every channel from one flat invoke', async () => {
    const calls: Array<[string, unknown]> = [];
    const verbs = buildVerbs(CHANNELS, async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: channel };
    }) as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>;
    await verbs.accounts!.list!();
    await verbs.mail!.message!({ accountId: 'a', folder: 'INBOX', uid: 3 });
    expect(calls).toEqual([
      ['accounts.list', {}],
      ['mail.message', { accountId: 'a', folder: 'INBOX', uid: 3 }],
    ]);
    for (const channel of CHANNELS) {
      const [group, verb] = channel.split('.');
      expect(typeof verbs[group!]?.[verb!], channel).toBe('function');
    }
  });

  it('survives being shipped as source text (the test bridge does this)', () => {
    const rebuilt = new Function(`return (${buildVerbs.toString()})`)() as typeof buildVerbs;
    const verbs = rebuilt(['a.b'], async () => 1) as { a: { b: () => Promise<number> } };
    expect(typeof verbs.a.b).toBe('function');
  });

  it('rejects malformed payloads at the schema', () => {
    expect(contract['mail.message'].input.safeParse({ accountId: 'x', folder: 'INBOX', uid: -1 }).success).toBe(false);
    expect(contract['accounts.add'].input.safeParse({ draft: { email: 'not-an-email' }, password: 'p' }).success).toBe(
      false,
    );
    expect(contract['mail.messages'].input.parse({ accountId: 'x', folder: 'INBOX' })).toMatchObject({ limit: 50 });
  });

  it('takes an expected signer as people copy it, as 64 lower-case hex digits, and nothing else', () => {
    const verify = contract['handover.verify'].input;
    const hex = 'ab'.repeat(32);
    const copied = hex.toUpperCase().match(/../g)?.join(':');
    expect(verify.parse({ path: '/bag', expectSigner: copied }).expectSigner).toBe(hex);
    expect(verify.parse({ path: '/bag', expectSigner: ` ${hex.match(/.{4}/g)?.join(' ')} ` }).expectSigner).toBe(hex);
    expect(verify.parse({ path: '/bag' }).expectSigner).toBeUndefined();
    for (const bad of [hex.slice(2), `${hex}ab`, `${hex.slice(2)}zz`, ''])
      expect(verify.safeParse({ path: '/bag', expectSigner: bad }).success, bad).toBe(false);
  });
});
