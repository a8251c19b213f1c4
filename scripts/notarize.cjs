// electron-builder afterSign hook (electron-builder.yml): notarize the signed .app with Apple's
// notary service when its credentials are in the environment, and say plainly why not otherwise,
// so a local unsigned build still succeeds. CommonJS because electron-builder require()s hooks.
'use strict';

const required = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];

/** The @electron/notarize options, or the reason notarization is skipped. Pure, for the tests. */
function notarizeOptions(context, env) {
  if (context.electronPlatformName !== 'darwin') return { skip: `notarization skipped: not a macOS build (${context.electronPlatformName})` };
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) return { skip: `notarization skipped: ${required.join('/')} not set (missing: ${missing.join(', ')})` };
  const appName = context.packager.appInfo.productFilename;
  return {
    options: {
      appPath: `${context.appOutDir}/${appName}.app`,
      appleId: env.APPLE_ID,
      appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD,
      teamId: env.APPLE_TEAM_ID,
    },
  };
}

async function afterSign(context, env = process.env, notarize) {
  const decision = notarizeOptions(context, env);
  if (decision.skip) {
    console.log(decision.skip);
    return;
  }
  const run = notarize ?? (await import('@electron/notarize')).notarize;
  console.log(`notarizing ${decision.options.appPath} (team ${decision.options.teamId}); this takes a few minutes`);
  await run(decision.options);
  console.log('notarization done');
}

module.exports = afterSign;
module.exports.default = afterSign;
module.exports.notarizeOptions = notarizeOptions;
