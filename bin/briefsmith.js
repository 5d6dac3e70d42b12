#!/usr/bin/env node
// Thin launcher: the compiled CLI returns an exit code; only this file exits the process.
// dist/cli/launch.js runs the bundled CLI (dist/bundle/cli.cjs) with V8's code cache.
import { launch } from '../dist/cli/launch.js';

process.exitCode = await launch(process.argv.slice(2));
