import {Worker} from 'node:worker_threads';

/**
 * Start the worker `name` (`stream-worker`, `lag-worker`) that sits beside this file: its
 * `.js` once built (the bundle puts every worker next to the chunk that starts it), or, when
 * this file runs as TypeScript (tests, `tsx` scripts), its `.ts` through tsx's loader.
 * Its stdout and stderr are piped to the parent, never to the terminal.
 */
export function startWorker(name: string, workerData: unknown): Worker {
	const options = {workerData, stdout: true, stderr: true};
	if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`${name}.js`, import.meta.url), options);
	const entry = new URL(`${name}.ts`, import.meta.url).href;
	const bootstrap = `import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(entry)}); });`;
	return new Worker(bootstrap, {...options, eval: true});
}

/**
 * Nothing a worker prints may reach the terminal: drain its stdout, keep its last stderr line
 * (a crash's reason). Returns that line so far ('' when none).
 */
export function drainWorkerOutput(worker: Worker): () => string {
	let last = '';
	worker.stdout.resume();
	worker.stderr.setEncoding('utf8');
	worker.stderr.on('data', (chunk: string) => {
		const line = chunk.trim().split('\n').at(-1);
		if (line) last = line;
	});
	return () => last;
}
