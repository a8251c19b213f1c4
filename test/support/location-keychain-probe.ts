// Runs inside a private D-Bus session with an unlocked gnome-keyring (see keychain.test.ts): adds a
// second location and removes it through the window's own handlers (accounts.connectPlatform,
// locations.remove), against the platform emulator, with the real KeychainSecretStore and no token
// in the environment. Prints what the Secret Service held at each step as one JSON line.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../src/main/services';
import { KeychainSecretStore } from '../../src/main/secrets/keychain-store';
import { startEmulator } from './emulator';
import { TEST_LOCATION, TEST_TOKEN, TEST_USER } from './emulator/default-seed';
import { LOCATION_B, TOKEN_B, twoLocationSeed } from './two-locations';

const service = 'com.icloudsynccompanion.test';
const emulator = await startEmulator({ seed: twoLocationSeed(), port: 0 });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icloud-sync-locations-'));
const keychain = new KeychainSecretStore(service);
const { handlers, state } = createServices({ dataDir, env: {}, keychain });
/** The Secret Service asked directly (libsecret's secret-tool), not through our code. */
const held = (account: string) => execFileSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).includes(`platform:${account}`);
try {
  for (const [locationId, token] of [[TEST_LOCATION, TEST_TOKEN], [LOCATION_B, TOKEN_B]]) {
    await handlers['accounts.connectPlatform']({ locationId, token, apiUrl: emulator.url, userId: TEST_USER });
  }
  const added = { a: await keychain.get('platform', TEST_LOCATION), b: await keychain.get('platform', LOCATION_B), bHeld: held(LOCATION_B) };
  const refused = await handlers['locations.remove']({ locationId: 'loc-nowhere', removeCopies: false }).then(() => 'removed', (error: Error) => error.message);
  await handlers['locations.remove']({ locationId: LOCATION_B, removeCopies: false });
  const removed = { a: await keychain.get('platform', TEST_LOCATION), b: (await keychain.get('platform', LOCATION_B)) ?? null, bHeld: held(LOCATION_B), aHeld: held(TEST_LOCATION) };
  const locations = Object.keys((await state.read()).accounts.platforms);
  await keychain.delete('platform', TEST_LOCATION);
  process.stdout.write(`${JSON.stringify({ added, refused, removed, locations })}\n`);
} finally {
  await emulator.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
