// GET /contacts/{contactId} against the emulator: the customer's name for the cancel confirmation,
// the documented Version, the scope refusal that makes the app say "the customer", and a contact
// of no one → the documented 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactName } from '../../../src/main/platform/schemas';
import type { RunningEmulator } from '../../support/emulator';
import { TEST_TOKEN, makeClient, startTestEmulator } from './helpers';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('PlatformClient.getContact', () => {
  it('reads the contact by id with Version 2021-07-28, and its name is first and last name', async () => {
    const { client, counter } = makeClient(emulator);
    const before = emulator.exchanges.length;
    const contact = await client.getContact('contact-1');
    expect(contact).toMatchObject({ id: 'contact-1', firstName: 'Customer', lastName: 'One' });
    expect(contactName(contact)).toBe('Customer One');
    const [sent] = emulator.exchanges.slice(before);
    expect([sent.method, sent.path, sent.headers.version]).toEqual(['GET', '/contacts/contact-1', '2021-07-28']);
    expect(counter.snapshot()).toEqual({ icloud: 0, platform: 1 });
  });

  it('a token without contacts.readonly is refused with 401 (the caller falls back to "the customer")', async () => {
    const { client } = makeClient(emulator);
    emulator.state.withholdScope(TEST_TOKEN, 'contacts.readonly');
    try {
      await expect(client.getContact('contact-1')).rejects.toMatchObject({ details: { status: 401 } });
      // The calendars still answer for that token.
      await expect(client.listCalendars()).resolves.not.toHaveLength(0);
    } finally {
      emulator.state.grantScope(TEST_TOKEN, 'contacts.readonly');
    }
  });

  it('an unknown contact is the documented 400, not a name', async () => {
    const { client } = makeClient(emulator);
    await expect(client.getContact('contact-of-no-one')).rejects.toMatchObject({ details: { status: 400 } });
  });
});

describe('contactName', () => {
  it('prefers the whole name, else joins first and last, else has none', () => {
    expect(contactName({ id: 'c', name: ' Grace Hopper ', firstName: 'G' })).toBe('Grace Hopper');
    expect(contactName({ id: 'c', firstName: 'Grace', lastName: null })).toBe('Grace');
    expect(contactName({ id: 'c', firstName: ' ', lastName: '' })).toBeUndefined();
  });
});
