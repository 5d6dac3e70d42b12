#!/usr/bin/env node
// Thin launcher: the compiled CLI returns an exit code; only this file exits the process.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
