// Every CLI command, in the order `--help` lists them.
import type { Command } from '../command';
import { calendarsCommand, connectCommand, disconnectCommand, linkCommand } from './accounts';
import { diagnosticsCommand } from './diagnostics';
import { doctorCommand } from './doctor';
import { getCommand, setCommand } from './settings';
import { statusCommand } from './status';
import { undoCommand } from './undo';
import { attentionCommand, cancelCommand, followCommand, restoreCommand } from './attention';
import { conflictsCommand, historyCommand, resolveCommand, syncCommand } from './sync';

export const commands: Command[] = [
  connectCommand, calendarsCommand, linkCommand, getCommand, setCommand, syncCommand, undoCommand, statusCommand, historyCommand,
  conflictsCommand, resolveCommand, attentionCommand, restoreCommand, cancelCommand, followCommand, disconnectCommand,
  doctorCommand, diagnosticsCommand,
];
