// Runs inside a private D-Bus session with an unlocked gnome-keyring (see keychain.test.ts) and
// exercises the real KeychainSecretStore; prints what it saw as one JSON line.
import { execFileSync } from 'node:child_process';
import { KeychainSecretStore } from '../../src/main/secrets/keychain-store';

const store = new KeychainSecretStore('com.icloudsynccompanion.test');
const before = await store.get('icloud', 'ann@example.com');
await store.set('icloud', 'ann@example.com', 'abcd-efgh-ijkl-mnop');
await store.set('platform', 'loc-1', 'pit-secret-token');
const afterSet = await store.get('icloud', 'ann@example.com');
const platform = await store.get('platform', 'loc-1');
// Ask the Secret Service directly (libsecret's secret-tool), not through our code.
const direct = execFileSync('secret-tool', ['search', '--all', 'service', 'com.icloudsynccompanion.test'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
await store.delete('icloud', 'ann@example.com');
const afterDelete = await store.get('icloud', 'ann@example.com');
process.stdout.write(
  `${JSON.stringify({ before, afterSet, platform, afterDelete, directMentionsAccount: direct.includes('icloud:ann@example.com') })}\n`,
);
