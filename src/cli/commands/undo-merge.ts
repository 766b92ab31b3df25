// crm-kit undo-merge <merge id>: puts back the records a merge removed, the survivor's values and
// every relinked record's links. A field changed since the merge refuses the undo (CHANGED_SINCE,
// each record and field named), unless --partial keeps what changed and undoes the rest.
import type { CommandContext } from '../context.js';
import { EXIT, UsageError } from '../usage.js';
import type { OptionSpec } from '../usage.js';

/** The options of `undo-merge`. */
export const UNDO_MERGE_OPTIONS = {
  partial: { type: 'boolean' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/** Runs `undo-merge`; returns the exit code. */
export async function runUndoMerge(context: CommandContext): Promise<number> {
  const mergeId = context.args.positionals[0];
  if (mergeId === undefined || mergeId.trim() === '') throw new UsageError(context.messages.required('<merge id>'));
  const opened = await context.openCrm(await context.readConfig());
  try {
    const result = await opened.me.merges.undo(mergeId, { partial: context.args.flag('partial') });
    if (context.json) await context.printJson(result);
    else {
      await context.print(context.messages.undone(result.restoredIds.length));
      if (result.kept.length > 0) await context.print(context.messages.undoKept(result.kept.length));
    }
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
