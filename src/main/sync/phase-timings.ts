// ICLOUD_SYNC_TIMINGS=1 (docs/cli.md): each phase of a cycle prints when it ended, in ms since the
// process started, and the resident memory then, on stderr — what `npm run bench:sync` reads to time a
// first sync up to its plan.
// Off (the default) it is one boolean test per phase: nothing is measured, nothing printed.
const enabled = process.env.ICLOUD_SYNC_TIMINGS === '1';

export function markPhase(phase: 'read' | 'planned' | 'executed'): void {
  if (!enabled) return;
  const rssMb = process.memoryUsage.rss() / 1024 / 1024;
  process.stderr.write(`icloud-sync timing: ${phase} at ${performance.now().toFixed(0)} ms, rss ${rssMb.toFixed(0)} MB\n`);
}
