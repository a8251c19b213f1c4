// The `icloud-sync` executable (under plain node): runs the CLI against the real process streams.
import { setFlagsFromString } from 'node:v8';
import { runCliOnProcess } from './process-io';

// V8 lets the old generation grow to up to 4× what survived its last full GC before it collects
// again. A first sync allocates fast (one request per event, the state saved every second or so),
// so a 10,000-event first sync peaked at ~400 MB for a live heap of ~70 MB (issue 16). 1.5× keeps
// the peak near what is synced, for a few more full GCs; such a sync is paced by the platform's rate
// limit, not by the CPU. (Set at run time: the bin and `node out/main/cli.js` both get it.)
setFlagsFromString('--heap-growing-percent=50');

process.exitCode = await runCliOnProcess(process.argv.slice(2));
