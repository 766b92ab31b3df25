#!/usr/bin/env node
// The `crm-kit` command (package.json "bin"): runs the command line on this process's arguments
// and ends with its exit code. Everything else is in run-cli.ts.
import { runCli } from './index.js';
import { nodeTerminal } from './terminal.js';

process.exitCode = await runCli(process.argv.slice(2), nodeTerminal());
