import process from 'node:process';
import {forgetCiMarkersInTerminal} from '../source/cli/ci-markers.js';

// Imported first by the programs that run the Ink app on a virtual terminal (the TUI bench,
// the frame bench, the soak): it stands in for a real one, so Ink and chalk must load as in
// a terminal, with no CI markers (source/cli/ci-markers.ts); else with CI set Ink draws no
// frame and the numbers measure nothing.
forgetCiMarkersInTerminal(process.env, {stdoutIsTTY: true});
