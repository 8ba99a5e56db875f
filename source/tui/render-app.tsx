import {type Instance, type RenderOptions, render} from 'ink';
import {App, type AppProps} from '../app.js';

/**
 * Render the root component with Ink. A module of its own so that `tui/screen.tsx` can load
 * React and Ink only when the TUI starts, after choosing React's production build.
 */
export function renderApp(props: AppProps, options: RenderOptions): Instance {
	return render(<App {...props} />, options);
}
