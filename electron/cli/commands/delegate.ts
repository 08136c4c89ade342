import { UsageError } from '../usage.ts';
import type { CommandGroup } from '../args.ts';

export const delegateCommands: CommandGroup = async (sub) => {
  throw new UsageError(`unknown delegate command: ${sub ?? '(none)'}`);
};

export const sharedCommand: CommandGroup = async () => {
  throw new UsageError('shared is not available yet');
};
