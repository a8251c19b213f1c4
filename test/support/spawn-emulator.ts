// The platform emulator in a child process of its own (scripts/emulator.ts), for benchmarks: a real
// location is served by the platform, not by the user's Mac, so an emulator in the test's own process
// would charge the server's work (routing, validation, its store) to the client's CPU — and with two
// locations, two servers' work. Out of process, the client is measured alone. The child runs in a
// session of its own (detached), so on a shared machine the kernel's scheduler (autogroup: one CPU
// share per session) gives it its own share, as another machine would have, rather than taking from
// the test's; it ends with the test's stop, or when its standard input closes (the test died). The emulator's state
// is then not reachable from the test (only its URL): tests that book or inspect use startEmulator.
//
//   const child = await spawnEmulator(seed);   // one location per child, as sync-world does
//   child.url; await child.stop();
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Seed } from './emulator';
import { makeTempDir } from './temp-dir';

export interface SpawnedEmulator {
  url: string;
  stop(): Promise<void>;
}

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'emulator.ts');
const READY = /^platform emulator listening on (http:\/\/\S+)$/;

export async function spawnEmulator(seed: Seed, options: { timeoutMs?: number } = {}): Promise<SpawnedEmulator> {
  const { dir, cleanup } = await makeTempDir('emulator-child-');
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--port', '0', '--seed', seedFile, '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin.end();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await cleanup();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const waitMs = options.timeoutMs ?? 60_000; // tsx compiling the emulator on a loaded shared machine (load 10 on 2 cores) is slow to start
      const timer = setTimeout(() => reject(new Error(`the emulator did not start within ${waitMs} ms: ${stderr}`)), waitMs);
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const ready = READY.exec(line);
        if (!ready) return;
        clearTimeout(timer);
        resolve(ready[1]);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the emulator exited (${code}) before it listened: ${stderr}`));
      });
    });
    // Its stdout is not read any further: drain it so the child never blocks on a full pipe.
    child.stdout.resume();
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
