/**
 * `npm run build`'s output: dist/cli.js, dist/stream-worker.js and dist/lag-worker.js, each one file with the
 * modules it needs (esbuild), plus the chunks its modes load lazily (plain, demo, the TUI).
 * Node spent about 0.5 s of CPU finding, reading and compiling the hundreds of small files of
 * Ink, React and their dependencies before the TUI drew its first frame (bench/RESULTS.md,
 * time to the first line); one file per chunk takes a fifth of that.
 * Left outside, loaded from node_modules as before: kafkajs (the stream patches and reads its
 * internal modules by path: they must be the very modules its entry loads) and zstd-wasm
 * (it reads its .wasm file beside itself). The worker stays beside the chunk that starts it
 * (`new URL('stream-worker.js', import.meta.url)`), and so does plain output's line packer, which
 * the worker imports by URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';
import {yogaWithoutFetch} from '../tools/bundle/yoga-without-fetch.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** source/render/ink-output-module.ts, replaced by one that imports the bundled Ink's `Output`. */
const bundledInkOutput: Plugin = {
	name: 'bundled-ink-output',
	setup(builder) {
		builder.onResolve({filter: /\/ink-output-module\.js$/}, () => ({
			path: 'ink-output-module',
			namespace: 'klog-bundle',
		}));
		builder.onLoad({filter: /.*/, namespace: 'klog-bundle'}, () => {
			const ink = path.join(root, 'node_modules', 'ink');
			const {version} = JSON.parse(fs.readFileSync(path.join(ink, 'package.json'), 'utf8')) as {
				version: string;
			};
			const output = JSON.stringify(path.join(ink, 'build', 'output.js'));
			return {
				contents: `import Output from ${output};\nexport async function loadInkOutputModule() { return {version: ${JSON.stringify(version)}, Output}; }\n`,
				resolveDir: root,
				loader: 'js',
			};
		});
	},
};

fs.rmSync(dist, {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: {
		cli: 'source/cli.tsx',
		'stream-worker': 'source/kafka/worker/stream-worker.ts',
		// Beside the chunk that starts it, as the stream worker (worker-lag-reader.ts).
		'lag-worker': 'source/kafka/worker/lag-worker.ts',
		// The worker imports plain output's packer by URL (plain.ts: `plain/json-line-packing.js`).
		'plain/json-line-packing': 'source/plain/json-line-packing.ts',
		// The worker imports the filter a hunt or plain --grep runs before packing by URL too.
		'session/hunt-record-test': 'source/session/hunt-record-test.ts',
		// The bench's bare kafkajs contender registers our codecs for its compressed topics.
		'kafka/codecs/index': 'source/kafka/codecs/index.ts',
	},
	outdir: dist,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	external: ['kafkajs', '@bokuweb/zstd-wasm', 'react-devtools-core'],
	// CommonJS packages in an ES module bundle (React, ...) still call require() for Node's own modules.
	banner: {
		js: "import {createRequire as klogCreateRequire} from 'node:module'; const require = klogCreateRequire(import.meta.url);",
	},
	sourcemap: true,
	sourcesContent: false,
	// Ink's layout engine loads its wasm without `fetch` (tools/bundle/yoga-without-fetch.ts).
	plugins: [bundledInkOutput, yogaWithoutFetch],
	logLevel: 'warning',
});
