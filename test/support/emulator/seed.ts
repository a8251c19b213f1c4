// The emulator's seed file (README.md documents it): locations with their tokens, users, contacts
// and calendars, plus the rate limits to enforce.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const seedEventSchema = z.object({
  id: z.string().optional(),
  kind: z.enum(['appointment', 'blocked']),
  calendarId: z.string().optional(),
  contactId: z.string().optional(),
  assignedUserId: z.string().optional(),
  users: z.array(z.string()).optional(),
  title: z.string().default(''),
  appointmentStatus: z.string().optional(),
  startTime: z.string(),
  endTime: z.string(),
  notes: z.string().optional(),
  address: z.string().optional(),
});

export const seedSchema = z.object({
  locations: z.array(
    z.object({
      id: z.string(),
      /** What GET /locations/{id} calls the location; absent → the field is left out of the answer. */
      name: z.string().optional(),
      timezone: z.string().default('UTC'),
      tokens: z.array(z.string()).min(1),
      /** Scopes a token was created without (token → scopes), e.g. {"pit-1": ["locations.readonly"]}:
       *  the endpoints needing one answer 401 for that token, as the platform does. */
      withheldScopes: z.record(z.string(), z.array(z.string())).default({}),
      users: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().default('') })).default([]),
      contacts: z.array(z.object({ id: z.string(), name: z.string().default('') })).default([]),
      calendars: z
        .array(
          z.object({
            id: z.string(),
            name: z.string(),
            calendarType: z.enum(['round_robin', 'event', 'class_booking', 'collective', 'service_booking', 'personal']),
            teamMembers: z.array(z.object({ userId: z.string() })).default([]),
            groupId: z.string().optional(),
            isActive: z.boolean().default(true),
            slotDuration: z.number().default(30),
          }),
        )
        .default([]),
      events: z.array(seedEventSchema).default([]),
    }),
  ),
  rateLimit: z
    .object({
      max: z.number().int().positive().default(100),
      intervalMs: z.number().int().positive().default(10_000),
      daily: z.number().int().positive().default(200_000),
    })
    .default({ max: 100, intervalMs: 10_000, daily: 200_000 }),
});

export type Seed = z.input<typeof seedSchema>;
export type ParsedSeed = z.output<typeof seedSchema>;
export type SeedLocation = ParsedSeed['locations'][number];
export type SeedCalendar = SeedLocation['calendars'][number];
export type SeedEvent = z.output<typeof seedEventSchema>;

export function parseSeed(input: unknown): ParsedSeed {
  return seedSchema.parse(input);
}

export function loadSeedFile(path: string): ParsedSeed {
  return parseSeed(JSON.parse(readFileSync(path, 'utf8')));
}
