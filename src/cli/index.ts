// The command line (ARCHITECTURE.md §2: the last module, built only on the public entry points
// crm-kit, crm-kit/csv and crm-kit/postgres, as a user's own program would be). Its face is the
// `crm-kit` bin (main.ts); docs/cli.md is its guide.
export { runCli } from './run-cli.js';
export { nodeTerminal } from './terminal.js';
export type { CliOutput, Terminal } from './terminal.js';
