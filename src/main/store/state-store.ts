// state.json behind the data-directory lock. Reads need no lock (writes are atomic renames);
// every change goes through `update` or `transaction`, which hold the lock, re-read, change, write.
import path from 'node:path';
import { JsonDocument } from './json-document';
import { dropRefusedFilters } from './refused-filters';
import { lockDataDir, type LockOptions } from './data-dir-lock';
import { stateMigrations } from './migrations';
import { decodeState, diskStateSchema, encodeState } from './state-disk';
import { STATE_SCHEMA_VERSION, initialState, type State } from './state-schema';
import { BUILD_WRITER } from './writer-stamp';

export interface StateTransaction {
  readonly state: State;
  /** Write the current state now (the executor records after each operation). */
  save(): Promise<void>;
}

export class StateStore {
  private readonly doc: JsonDocument<State>;
  /** Things the user must hear about (e.g. a state file kept aside); shown by `status` and the window. */
  readonly notices: string[] = [];

  constructor(
    readonly dataDir: string,
    private readonly lockOptions: LockOptions = {},
    /** Whose stamp lets a read skip the schema check (writer-stamp.ts); tests name another build. */
    writer: string = BUILD_WRITER,
  ) {
    this.doc = new JsonDocument<State>({
      file: path.join(dataDir, 'state.json'),
      schema: diskStateSchema as never,
      disk: { decode: decodeState as never, encode: encodeState as never },
      initial: initialState,
      version: STATE_SCHEMA_VERSION,
      migrations: stateMigrations,
      onQuarantine: (message) => this.notices.push(message),
      repair: dropRefusedFilters,
      // The app reads the file again whenever it changed: one notice per thing dropped, not per read.
      onNotice: (message) => {
        if (!this.notices.includes(message)) this.notices.push(message);
      },
      writer,
    });
  }

  read(): Promise<State> {
    return this.doc.read();
  }

  async update(change: (state: State) => void | Promise<void>): Promise<State> {
    return this.transaction(async (tx) => {
      await change(tx.state);
      await tx.save();
      return tx.state;
    });
  }

  /**
   * Hold the lock for a longer piece of work (a sync cycle), saving as often as needed. `restamp`
   * (a real cycle, not a preview): a valid file another build wrote is saved with this build's stamp
   * at the end, once, even when nothing changed, so the following reads skip the schema check.
   */
  async transaction<R>(work: (tx: StateTransaction) => Promise<R>, options: { restamp?: boolean } = {}): Promise<R> {
    const release = await lockDataDir(this.dataDir, this.lockOptions);
    try {
      const state = await this.doc.read();
      const tx: StateTransaction = { state, save: () => this.doc.write(state) };
      const result = await work(tx);
      if (options.restamp && this.doc.unstamped) await tx.save();
      return result;
    } finally {
      await release();
    }
  }
}
