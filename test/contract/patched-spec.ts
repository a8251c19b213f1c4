// Loads the official OpenAPI descriptions (vendored in test/fixtures/highlevel-api, CC0) and
// patches their known defects in memory (never on disk). Each patch says why.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;

const here = dirname(fileURLToPath(import.meta.url));
/** A vendored copy of the official description: the repo stands on its own (see its README). */
export const SPEC_DIR = resolve(here, '../fixtures/highlevel-api');

const readJson = (name: string): Json => JSON.parse(readFileSync(resolve(SPEC_DIR, name), 'utf8')) as Json;

function walk(node: unknown, visit: (object: Json) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

export interface PatchedSpecs {
  calendars: Json;
  users: Json;
  locations: Json;
  /** What was patched, for the test's own report. */
  applied: string[];
}

export function loadPatchedSpecs(): PatchedSpecs {
  const common = readJson('common/common-schemas.json') as { components: { schemas: Json } };
  const applied = new Set<string>();
  const patch = (spec: Json): Json => {
    const schemas = (spec.components as { schemas: Json }).schemas;
    // Inline the shared error DTOs: the relative file $ref would otherwise need the spec on disk
    // laid out exactly as upstream, and ref resolution to follow it.
    for (const [name, schema] of Object.entries(common.components.schemas)) schemas[`Common_${name}`] = schema;
    walk(spec, (object) => {
      if (typeof object.$ref === 'string' && object.$ref.startsWith('../common/common-schemas.json#/components/schemas/')) {
        object.$ref = `#/components/schemas/Common_${object.$ref.split('/').pop()}`;
      }
    });
    walk(spec, (object) => {
      const properties = object.properties as Record<string, Json> | undefined;
      if (properties && typeof properties === 'object') {
        // README defect 1: response times are ISO strings, typed `object` in the spec.
        for (const name of ['startTime', 'endTime', 'dateAdded', 'dateUpdated']) {
          if (properties[name]?.type === 'object') {
            properties[name].type = 'string';
            applied.add('time fields typed object → string');
          }
        }
        // README defect 2: `isRecurring` examples are strings for a boolean.
        if (properties.isRecurring && typeof properties.isRecurring.example === 'string') {
          properties.isRecurring.example = properties.isRecurring.example === 'true';
          applied.add('isRecurring example string → boolean');
        }
      }
      // README defect 3: JSON-Schema `examples` arrays are not OpenAPI 3.0 (parameter-level
      // `examples` maps are, and are left alone).
      if (Array.isArray(object.examples)) {
        object.example = object.examples[0];
        delete object.examples;
        applied.add('schema examples[] → example');
      }
    });
    return spec;
  };

  const calendars = patch(readJson('calendars.json'));
  const users = patch(readJson('users.json'));
  const locations = patch(readJson('locations.json'));
  const schemas = (calendars.components as { schemas: Record<string, Json & { required?: string[] }> }).schemas;

  // Beyond the README's list (our own finding): the block-slot request DTOs mark `calendarId`
  // required while their own field descriptions say "Either calendarId or assignedUserId can be
  // set, not both" — and platform-api.md tells us to send assignedUserId (a user-level block).
  for (const name of ['BlockSlotCreateRequestDTO', 'BlockSlotEditRequestDTO']) {
    schemas[name].required = (schemas[name].required ?? []).filter((field) => field !== 'calendarId');
    schemas[name].not = { required: ['calendarId', 'assignedUserId'] };
  }
  applied.add('block-slot requests: calendarId OR assignedUserId, not both');
  // Also ours: CalendarEventDTO is shared by appointments and blocked slots, yet requires
  // `contactId` (a blocked slot has no contact), `calendarId` (a user-level blocked slot, the kind
  // we create, has no calendar) and `groupId` (a calendar need not be in a group).
  const event = schemas.CalendarEventDTO;
  event.required = (event.required ?? []).filter((field) => !['contactId', 'calendarId', 'groupId'].includes(field));
  applied.add('CalendarEventDTO: contactId, calendarId and groupId optional');

  // Not a defect, a tooling fit: openapi-backend drops the trailing slash of request paths, so the
  // spec's `/calendars/` and `/users/` keys are aligned to match (`/calendars/{calendarId}` stays distinct).
  for (const spec of [calendars, users, locations]) {
    const paths = spec.paths as Record<string, unknown>;
    for (const key of Object.keys(paths)) {
      if (key.length > 1 && key.endsWith('/')) {
        paths[key.slice(0, -1)] = paths[key];
        delete paths[key];
      }
    }
  }

  return { calendars, users, locations, applied: [...applied] };
}
