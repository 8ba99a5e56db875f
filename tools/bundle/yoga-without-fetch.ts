import fs from 'node:fs';
import type {Plugin} from 'esbuild';

/**
 * yoga-layout (Ink's layout engine) carries its wasm as a base64 data URL, and its Emscripten
 * loader reads it with `fetch` whenever a global `fetch` exists, as on Node 18+. The first
 * `fetch` loads undici: importing the TUI's bundled Ink took 131 ms (median wall, 10 runs) with
 * it and 110 ms without, on the way to the first frame. Without `fetch` the loader decodes the
 * data URL itself.
 */
const FETCH_TEST = '"function"!=typeof fetch';

/** The yoga loader's source with its `fetch` tests answered "no fetch". Throws for a loader without them (a new yoga: look again). */
export function yogaLoaderWithoutFetch(source: string, file = 'the yoga loader'): string {
	if (!source.includes(FETCH_TEST))
		throw new Error(`${file}: no \`${FETCH_TEST}\` to replace (a new yoga-layout?)`);
	return source.replaceAll(FETCH_TEST, 'true');
}

/** The yoga loader file of yoga-layout 3 (base64 wasm, ES module). */
export const YOGA_LOADER = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;

/** esbuild: bundle the yoga loader without its `fetch` path (scripts/bundle.ts). */
export const yogaWithoutFetch: Plugin = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: YOGA_LOADER}, (args) => ({
			contents: yogaLoaderWithoutFetch(fs.readFileSync(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
	},
};
