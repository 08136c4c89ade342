import { UsageError } from '../usage.ts';
import type { CommandGroup } from '../args.ts';

export const identityCommands: CommandGroup = async (sub) => {
  throw new UsageError(`unknown identity command: ${sub ?? '(none)'}`);
};
