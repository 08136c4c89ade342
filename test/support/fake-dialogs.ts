import type { Dialogs } from '../../electron/services/app-services.ts';

export type FakeDialogs = Dialogs & {
  /** Which dialogs were opened, in order. */
  readonly opened: Array<keyof Dialogs>;
};

/**
 * Native dialogs for tests: the answers a test gives, and for every other dialog the
 * user pressing Cancel (null). `opened` lists what was asked, for tests that care.
 */
export function fakeDialogs(answers: Partial<Dialogs> = {}): FakeDialogs {
  const opened: Array<keyof Dialogs> = [];
  return {
    opened,
    pickCaFile: async () => {
      opened.push('pickCaFile');
      return (await answers.pickCaFile?.()) ?? null;
    },
    saveFile: async (suggestedName, title) => {
      opened.push('saveFile');
      return (await answers.saveFile?.(suggestedName, title)) ?? null;
    },
    pickFile: async (purpose, title) => {
      opened.push('pickFile');
      return (await answers.pickFile?.(purpose, title)) ?? null;
    },
    pickDirectory: async (title) => {
      opened.push('pickDirectory');
      return (await answers.pickDirectory?.(title)) ?? null;
    },
    pickFiles: async (title) => {
      opened.push('pickFiles');
      return (await answers.pickFiles?.(title)) ?? null;
    },
  };
}
