import process from 'node:process';
import {forgetCiMarkersInTerminal} from '../../source/cli/ci-markers.js';

// Imported first by whatever runs the Ink app on a stand-in terminal (the TUI bench, the frame
// bench, the soak; the unit tests load it as their vitest setup file). The stand-in is a
// terminal as far as Ink and chalk should know, so they must load with no CI markers, as
// klog-tui does in a real one (source/cli/ci-markers.ts); else with CI set Ink draws no frame
// until exit and chalk drops colours, and what is measured or checked is nothing a user sees.
forgetCiMarkersInTerminal(process.env, {stdoutIsTTY: true});
