import { UsageError } from '../usage.ts';
import type { CommandGroup } from '../args.ts';

export const handoverCommands: CommandGroup = async (sub) => {
  throw new UsageError(`unknown handover command: ${sub ?? '(none)'}`);
};
