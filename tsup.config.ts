import { defineConfig } from 'tsup';

// One entry per `exports` subpath of package.json; options kept to those tsdown also understands.
export default defineConfig({
  entry: { index: 'src/index.ts', memory: 'src/adapters/memory/index.ts', testing: 'src/testing/index.ts' },
  // Runtime built-ins stay imports: crm-kit/testing uses node:assert (Node, Deno and Bun have it).
  external: [/^node:/],
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
