// The sales board's build: the page resolves `crm-kit` to the package as built in dist/, as it
// resolves from node_modules in a project of your own (run `npm run build` first; `npm run
// example:browser` does). PGlite is left to load its WebAssembly itself.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dist = (path: string): string => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const DEPENDENCIES = /[\\/]node_modules[\\/](zod|decimal\.js|libphonenumber-js|@date-fns[\\/]tz|fuse\.js)[\\/]/;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^crm-kit$/, replacement: dist('index.js') },
      { find: /^crm-kit\/csv$/, replacement: dist('csv/index.js') },
      { find: /^crm-kit\/memory$/, replacement: dist('adapters/memory/index.js') },
      { find: /^crm-kit\/postgres$/, replacement: dist('adapters/postgres/index.js') },
    ],
  },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // crm-kit and its dependencies in chunks of their own, so that the test can say what they weigh.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            // (The PostgreSQL store stays with PGlite, in the chunks that load only with ?store=pglite.)
            { name: 'crm-kit', test: (id: string) => id.startsWith(dist('')) && !id.startsWith(dist('adapters/postgres/')) },
            { name: 'crm-kit-dependencies', test: DEPENDENCIES },
          ],
        },
      },
      // PGlite's Emscripten glue calls eval; that is PGlite's to change, not this page's.
      onLog: (level, log, handler) => {
        if (log.code === 'EVAL' && (log.id ?? log.message).includes('@electric-sql/pglite')) return;
        handler(level, log);
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
