import { defineConfig } from 'tsup';

// One entry per `exports` subpath of package.json; options kept to those tsdown also understands.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  // tsup's declaration build still sets baseUrl, which TypeScript 6 deprecates.
  dts: { compilerOptions: { types: [], ignoreDeprecations: '6.0' } },
  tsconfig: 'tsconfig.build.json',
  sourcemap: true,
  clean: true,
  treeshake: true,
  splitting: true,
});
