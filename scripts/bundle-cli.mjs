// Bundles the CLI into one CommonJS file, dist/bundle/cli.cjs, run by bin/briefsmith.js through
// V8's code cache (src/cli/launch.ts). Part of `npm run build`, after tsc: dist/ keeps the tsc
// output for the tests, the worker threads and the library exports. See docs/performance.md.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const sourceDir = join(root, 'src');
const outFile = join(root, 'dist/bundle/cli.cjs');

// Packages that find their own files beside their modules (piscina's and BullMQ's workers,
// BullMQ's Lua scripts), load code at run time (jiti) or serve only other commands than `build`
// stay in node_modules and are loaded from there when a command needs them.
const external = ['piscina', 'bullmq', 'ioredis', 'jiti', 'fastify', 'nodemailer'];

/**
 * Every source module keeps the location it has in dist/: `import.meta.url` and
 * `import.meta.dirname` become that file's dist path, so paths built from them (templates,
 * package.json, the worker files) resolve exactly as in the unbundled build.
 */
const distLocations = {
  name: 'dist-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(sourceDir)) return undefined;
      const distPath = relative(sourceDir, args.path).replace(/\.ts$/, '.js').split('\\').join('/');
      const contents = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', `__distUrl(${JSON.stringify(distPath)})`)
        .replaceAll('import.meta.dirname', `__distPath(${JSON.stringify(dirname(distPath))})`);
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * vega-canvas looks for the optional `canvas` package with a top-level await, which a CommonJS
 * bundle cannot hold. briefsmith does not depend on `canvas` (charts measure text with fontkit),
 * so the bundle gets what vega-canvas exports when `canvas` is absent: no canvas, no image.
 */
const withoutCanvas = {
  name: 'without-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({
      path: 'vega-canvas',
      namespace: 'without-canvas',
    }));
    build.onLoad({ filter: /.*/, namespace: 'without-canvas' }, () => ({
      contents: [
        'export const canvas = () => null;',
        'export const domCanvas = () => null;',
        'export const nodeCanvas = () => null;',
        'export const image = () => null;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  // The bundle runs as a vm.Script, which has no loader for `import()`: the externals are
  // CommonJS packages, so `import()` of one becomes `require()`.
  supported: { 'dynamic-import': false },
  // ES modules from node_modules that use import.meta (createRequire(import.meta.url)) get the
  // bundle's own location, from which node_modules resolves as before.
  define: { 'import.meta.url': '__bundleUrl', 'import.meta.dirname': '__dirname' },
  plugins: [distLocations, withoutCanvas],
  banner: {
    js: [
      "const __distPath = (path) => require('node:path').join(__dirname, '..', path);",
      "const __distUrl = (path) => require('node:url').pathToFileURL(__distPath(path)).href;",
      "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
    ].join('\n'),
  },
  write: false,
  logLevel: 'warning',
});

// The first line names the bundle's content, so the launcher keys its code cache without
// hashing megabytes of source at every start.
const code = result.outputFiles[0].text;
const hash = createHash('sha256').update(code).digest('hex');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `/* briefsmith-bundle ${hash} */\n${code}`);
