#!/usr/bin/env node
// The package's `icloud-sync` bin: the CLI as built by `npm run build` (out/main/cli.js).
import('../out/main/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('icloud-sync: the CLI is not built yet. Run `npm run build` first.\n');
    process.exit(1);
  }
  throw error;
});
