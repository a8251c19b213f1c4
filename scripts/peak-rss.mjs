// Loaded with `node --import` into a CLI process by bench-first-sync.ts: on exit, the process's peak
// resident set (the whole process: heap, buffers, code) on stderr, where the bench reads it.
process.on('exit', () => {
  process.stderr.write(`peak-rss: ${process.resourceUsage().maxRSS} KB\n`);
});
