import process from 'node:process';
import {forgetCiMarkersInTerminal} from './ci-markers.js';

// Imported first by cli.tsx, for its effect: Ink and chalk read CI from the environment once,
// when they are loaded, and in a terminal they must not think they run in CI (ci-markers.ts).
forgetCiMarkersInTerminal(process.env, {stdoutIsTTY: process.stdout.isTTY === true});
