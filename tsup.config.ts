import { defineConfig } from 'tsup';

// Unbundled: one dist/ module per src/ module (bundle: false is tsdown's unbundle: true), so a
// user's bundler keeps only the modules an import reaches. Declarations are written by
// scripts/emit-declarations.ts; no source maps (docs/design-notes.md, "Packaging"). Options are
// kept to those tsdown also understands.
export default defineConfig({
  entry: ['src/**/*.ts'],
  bundle: false,
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  tsconfig: 'tsconfig.build.json',
  sourcemap: false,
  clean: true,
});
