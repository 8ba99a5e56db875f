#!/usr/bin/env node
/**
 * klog-tui's entry point (dist/cli.js). It first starts node again with the TUI's V8 flags
 * where it can (cli/relaunch.ts), then forgets CI in an interactive terminal
 * (cli/interactive-terminal.ts): Ink and chalk read CI once, when they are loaded. Everything
 * else comes in by a dynamic import, after that: the bundle hoists static imports above any
 * code, so a static import of the command line would load chalk first.
 */
import {relaunchWithLaunchFlags} from './cli/relaunch.js';

relaunchWithLaunchFlags();
await import('./cli/interactive-terminal.js');

await import('./cli/main.js');
