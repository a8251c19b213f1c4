// Schema migrations for state.json. Each step takes the document of version N and returns version N+1.
// A file newer than this build is refused (never downgraded silently).
import { STATE_SCHEMA_VERSION, initialState } from './state-schema';

type Doc = Record<string, unknown>;
export type Migration = (doc: Doc) => Doc;

/** migrations[n] upgrades a version-n document to version n+1. */
export const stateMigrations: Record<number, Migration> = {
  // Version 0: the unversioned layout of the first prototypes (settings only). Fill in the rest.
  0: (doc) => ({ ...initialState(), ...doc, settings: { ...initialState().settings, ...(doc.settings as Doc) }, schemaVersion: 1 }),
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
