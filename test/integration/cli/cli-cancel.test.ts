// `icloud-sync cancel` names the customer (issue 12): the question, at a terminal or refused
// without one (text and --json), says whose booking it is and when, read from the platform at
// that moment; a token without contacts.readonly gets "the customer" and the scope to add, and the
// cancel still goes through. The name is never written to the history.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoursFromNow } from '../../support/sync-world';
import { inWorld, mirrorOf, skipWithoutRadicale } from '../sync/helpers';

describe.skipIf(skipWithoutRadicale)('cancel names the customer', () => {
  it('the refusal without --yes names customer, time and consequence; without the scope it says "the customer"; the name stays out of the history', async () => {
    await inWorld({}, async (world) => {
      const booked = await world.platform.book({ title: 'Colour', contactId: 'contact-2', start: hoursFromNow(9, 2), end: hoursFromNow(10, 2) });
      await world.sync();
      await world.icloud.remove('work', mirrorOf(world, booked.id)!.file);
      await world.sync(); // detached (S6): listed under attention
      const [item] = await world.services.attention();

      const refused = await world.cli(['--json', 'cancel', item.id]);
      expect(refused.code).toBe(2);
      const { error } = refused.json<{ error: { kind: string; message: string } }>();
      expect(error.kind).toBe('usage');
      expect(error.message).toMatch(/^Cancel the appointment "Colour" with Customer Two on .+–.+\? The booking is cancelled on the platform for Customer Two and the time becomes free to book\./);
      expect(error.message).toContain('--yes');
      expect(refused.stderr).toContain('with Customer Two');
      expect(world.platform.get(booked.id)!.appointmentStatus).not.toBe('cancelled');

      // The token loses contacts.readonly: the question falls back, says why, and nothing fails.
      world.emulator.state.withholdScope(world.token, 'contacts.readonly');
      const fallback = await world.cli(['cancel', item.id]);
      expect(fallback.code).toBe(2);
      expect(fallback.stderr).toMatch(/"Colour" with the customer on .*for the customer.*add the contacts\.readonly scope/);
      expect(fallback.stderr).not.toContain('Customer Two');

      const done = await world.cli(['--json', 'cancel', item.id, '--yes']);
      expect(done.code).toBe(0);
      expect(world.platform.get(booked.id)!.appointmentStatus).toBe('cancelled');
      const history = await readFile(path.join(world.dataDir, 'history.json'), 'utf8');
      expect(history).toContain('Colour');
      expect(history).not.toContain('Customer Two');
      expect(done.stdout).not.toContain('Customer Two');
    });
  });
});
