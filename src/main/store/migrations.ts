// Schema migrations for state.json. Each step takes the document of version N and returns version N+1.
// A file newer than this build is refused (never downgraded silently). Versions 0 and 1 are the
// spelled-out layout (as State in memory); from version 2 on a step works on the compact file
// (state-disk.ts): a step N → N+1 takes and returns that shape, and the file is validated after the
// last step. Every step is tested as a chain from a real file (test/fixtures/state/).
import { migrateV1ToV2 } from './migrate-v1';
import { migrateV2ToV3 } from './migrate-v2';
import { migrateV3ToV4 } from './migrate-v3';
import { STATE_SCHEMA_VERSION, initialState } from './state-schema';

type Doc = Record<string, unknown>;
export type Migration = (doc: Doc) => Doc;

/** migrations[n] upgrades a version-n document to version n+1. */
export const stateMigrations: Record<number, Migration> = {
  // Version 0: the unversioned layout of the first prototypes (settings only). Fill in the rest.
  0: (doc) => ({ ...initialState(), ...doc, settings: { ...initialState().settings, ...(doc.settings as Doc) }, schemaVersion: 1 }),
  1: migrateV1ToV2,
  2: migrateV2ToV3,
  3: migrateV3ToV4,
};

export class MigrationError extends Error {}

export function migrate(doc: Doc, target = STATE_SCHEMA_VERSION, migrations = stateMigrations): Doc {
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > target) {
    throw new MigrationError(
      `The state file was written by a newer version of the app (schema ${version}, this one reads up to ${target}). Update the app.`,
    );
  }
  let current = doc;
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new MigrationError(`No migration from state schema ${version} to ${version + 1}.`);
    current = step(current);
    version += 1;
    current.schemaVersion = version;
  }
  return current;
}
