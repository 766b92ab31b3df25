import { defineConfig } from 'tsup';

// One entry per `exports` subpath of package.json; options kept to those tsdown also understands.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: { compilerOptions: { types: [] } },
  tsconfig: 'tsconfig.build.json',
  sourcemap: true,
  clean: true,
  treeshake: true,
  splitting: true,
});
