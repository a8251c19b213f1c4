// State schema 1 → 2. Version 1 (everything up to issue 10) keyed an iCloud-owned pair, and a
// blocked-slot intent, by the event's UID (plus RECURRENCE-ID), wrote every URL in full and spelled
// every field out. Version 2 keys them by the item's href (+ RECURRENCE-ID) and is written compactly.
// No pair is dropped: each keeps its record and only changes key; a version-1 pair already names its
// href, so the new key is exact. An intent names only the UID: it moves to the href of the one object
// with that UID, and stays under its old key when there is none or several (it is then only matched by
// content, which is how an unchanged event's slot is found anyway).
import { icloudItemKey, type PairRecord } from './pair-record';
import { encodeState } from './state-disk';
import type { State } from './state-schema';

type Doc = Record<string, unknown>;

export function migrateV1ToV2(doc: Doc): Doc {
  const v1 = doc as unknown as State;
  const pairs: Record<string, PairRecord> = {};
  for (const pair of Object.values(v1.pairs ?? {})) {
    const key = pair.owner === 'icloud' && pair.icloud ? icloudItemKey(pair.icloud.href, pair.icloud.recurrenceId) : pair.key;
    // Two version-1 pairs cannot share an href + RECURRENCE-ID (their UIDs, the old keys, differed).
    pairs[key] = { ...pair, key };
  }
  const hrefsByUid = new Map<string, string[]>();
  for (const [href, object] of Object.entries(v1.objects ?? {})) {
    if (object.uid) hrefsByUid.set(object.uid, [...(hrefsByUid.get(object.uid) ?? []), href]);
  }
  const intents: State['intents'] = {};
  for (const intent of Object.values(v1.intents ?? {})) {
    const [uid, recurrenceId] = intent.key.split('::');
    const hrefs = hrefsByUid.get(uid) ?? [];
    const key = hrefs.length === 1 ? icloudItemKey(hrefs[0], recurrenceId) : intent.key;
    intents[key] = { ...intent, key };
  }
  return encodeState({ ...v1, pairs, intents }) as unknown as Doc;
}
