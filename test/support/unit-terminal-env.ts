import process from 'node:process';
import {forgetCiMarkersInTerminal} from '../../source/cli/ci-markers.js';

// The unit project's setup: its Ink tests stand in for a terminal, so they load Ink as
// klog-tui does in one (cli.tsx), with no CI markers; else in CI Ink writes no frame until
// unmount and chalk drops colours, and those tests would check something no user sees.
forgetCiMarkersInTerminal(process.env, {stdoutIsTTY: true});
