// Every CLI command, in the order `--help` lists them.
import type { Command } from '../command';
import { getCommand, setCommand } from './settings';
import { statusCommand } from './status';

export const commands: Command[] = [statusCommand, getCommand, setCommand];
