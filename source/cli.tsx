#!/usr/bin/env node
/**
 * klog-tui's entry point (dist/cli.js). It first starts node again with the TUI's V8 flags
 * where it can (cli/relaunch.ts), then forgets CI in an interactive terminal
 * (cli/interactive-terminal.ts): Ink and chalk read CI once, when they are loaded; then starts
 * the stream worker early (cli/early-worker.ts), with the environment it keeps. Everything
 * else comes in by a dynamic import, after that: the bundle hoists static imports above any
 * code, so a static import of the command line would load chalk first.
 */
import {relaunchWithLaunchFlags} from './cli/relaunch.js';

relaunchWithLaunchFlags();
await import('./cli/interactive-terminal.js');
// Before the command line is read: the stream worker loads on the other core meanwhile.
(await import('./cli/early-worker.js')).prestartStreamWorker(process.argv.slice(2));

await import('./cli/main.js');
