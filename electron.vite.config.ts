// Three builds (electron-vite): main (ESM, two entries: the app and the CLI), the preload (CommonJS,
// fully bundled, so it runs in a sandboxed renderer that can only require 'electron'), the renderer.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * Our renderer code's imports of 'react' and 'react/jsx-runtime' go to the ESM facades in
 * src/renderer/react-esm (why: see react.ts there). Only for our sources: react-dom, virtua and the
 * facades themselves still get React itself.
 */
function reactEsmFacade(): Plugin {
  const facades: Record<string, string> = {
    react: resolve(root, 'src/renderer/react-esm/react.ts'),
    'react/jsx-runtime': resolve(root, 'src/renderer/react-esm/jsx-runtime.ts'),
  };
  const ownCode = resolve(root, 'src/renderer/src') + '/';
  return {
    name: 'react-esm-facade',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.startsWith(ownCode) || !(source in facades)) return null;
      return facades[source];
    },
  };
}

/**
 * Bundled into the main build (see `externalizeDeps` below); test/build checks them. ical.js and
 * lowdb (with steno) stay in node_modules: they use private class fields (#x), which the security
 * gate's parser (Electronegativity) cannot read, so bundled they left our chunks unchecked — and
 * electron-vite fixes the main build's target, so they cannot be lowered. Each is one file or two,
 * so keeping them out costs little of what bundling saved.
 */
const bundledDeps = ['zod', 'tsdav', 'proper-lockfile', 'timezones-ical-library'];

export default defineConfig({
  main: {
    // Each build's own id in the stamp it writes on state.json (src/main/store/writer-stamp.ts): a
    // file from another build (the schema may differ) is then validated in full on its first read.
    define: { __STATE_WRITER__: JSON.stringify(`${process.env.npm_package_version ?? 'dev'}+${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`) },
    build: {
      // The pure-JS dependencies every CLI cycle loads are bundled into our chunks: resolved and
      // compiled as a few files instead of hundreds, a no-change `icloud-sync sync` starts faster
      // (module load of the CLI's entry: 266 -> 173 ms median, alternated, load ~10; issue 16). The native @napi-rs/keyring,
      // electron-updater (app only) and electron itself stay in node_modules, imported at run time.
      externalizeDeps: { exclude: bundledDeps },
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // The headless CLI (cli.md): must run under plain `node`, so it never imports electron.
          cli: resolve(root, 'src/main/cli/main.ts'),
        },
        // JSDoc of the bundled dependencies is dropped (less to parse at each start); license comments stay.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', comments: { legal: true, jsdoc: false, annotation: false } },
      },
    },
  },
  preload: {
    build: {
      // Bundle everything: a sandboxed preload cannot require anything from node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // .cjs because package.json says "type": "module": the file must read as CommonJS anywhere.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [reactEsmFacade(), react()],
    build: {
      // electron-vite leaves minification off; the window loads this file on every open, so ship it
      // minified. No source maps: they would land in the asar (and name our sources) for no user.
      minify: true,
      sourcemap: process.env.RENDERER_SOURCEMAP === '1',
      // Electron's Chromium supports <link rel=modulepreload>; Vite's polyfill for old browsers is dead code here.
      modulePreload: { polyfill: false },
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
