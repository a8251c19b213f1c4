// `npm run emulator -- --port P --seed FILE [--latency MS] [--error-rate R] [--error-status S] [--drop-rate R]
//   [--withhold TOKEN=SCOPE[,SCOPE]]… [--date-skew-ms MS] [--exit-with-stdin]`
// Starts the platform emulator; its first line of output is exactly
// `platform emulator listening on http://127.0.0.1:P` (tests and scripts wait for it).
import { parseArgs } from 'node:util';
import { defaultSeed, loadSeedFile, startEmulator } from '../test/support/emulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    'error-status': { type: 'string' },
    'drop-rate': { type: 'string' },
    // A token created without these scopes (the seed's withheldScopes), and a skewed Date header.
    withhold: { type: 'string', multiple: true },
    'date-skew-ms': { type: 'string' },
    // Stop when standard input ends: a parent that started it in a session of its own (spawn-emulator.ts) may die without a signal.
    'exit-with-stdin': { type: 'boolean' },
  },
});

const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));


const emulator = await startEmulator({
  seed: values.seed ? loadSeedFile(values.seed) : defaultSeed(),
  port: Number(values.port),
  faults: {
    latencyMs: num(values.latency),
    errorRate: num(values['error-rate']),
    errorStatus: num(values['error-status']),
    dropRate: num(values['drop-rate']),
  },
  doctor: { dateSkewMs: num(values['date-skew-ms']) },
});
for (const spec of values.withhold ?? []) {
  const [token, scopes = ''] = spec.split('=');
  for (const scope of scopes.split(',').filter(Boolean)) emulator.state.withholdScope(token, scope);
}
console.log(`platform emulator listening on ${emulator.url}`);

const shutdown = () => {
  void emulator.stop().finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
if (values['exit-with-stdin']) {
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}
