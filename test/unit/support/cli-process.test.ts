import fs from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ensureBuilt, repoRoot} from '../../support/cli/cli-process.js';

const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
let root: string;

beforeEach(() => {
	root = fs.mkdtempSync(path.join(tmpdir(), 'klog-build-'));
	fs.mkdirSync(path.join(root, 'source'));
	fs.mkdirSync(path.join(root, 'dist'));
	fs.writeFileSync(
		path.join(root, 'tsconfig.json'),
		JSON.stringify({compilerOptions: {strict: true, outDir: 'dist', rootDir: 'source'}, include: ['source']}),
	);
});

afterEach(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

// tsc takes a few seconds to start, more while the other unit files run on the same 2 cores.
describe('ensureBuilt', {timeout: 60_000}, () => {
	it('fails loudly with the diagnostics when the build fails, even with an older dist/cli.js there', () => {
		// An older build: what a local run would otherwise have tested.
		const stale = path.join(root, 'dist', 'cli.js');
		fs.writeFileSync(stale, 'console.log("old build");\n');
		const past = new Date(Date.now() - 60_000);
		fs.utimesSync(stale, past, past);
		fs.writeFileSync(path.join(root, 'source', 'cli.ts'), "export const port: number = 'not a number';\n");

		expect(() => ensureBuilt({root, tsc})).toThrow(/the build failed[\s\S]*error TS2322/);
		// Nothing was written, so dist/ is still older than the sources: the next call builds (and fails) again.
		expect(fs.readFileSync(stale, 'utf8')).toBe('console.log("old build");\n');
		expect(fs.statSync(stale).mtimeMs).toBeLessThan(fs.statSync(path.join(root, 'source', 'cli.ts')).mtimeMs);
	});

	it('builds nothing when dist/ is newer than every source file', () => {
		fs.writeFileSync(path.join(root, 'source', 'cli.ts'), "export const port: number = 'not a number';\n");
		const past = new Date(Date.now() - 60_000);
		fs.utimesSync(path.join(root, 'source', 'cli.ts'), past, past);
		fs.writeFileSync(path.join(root, 'dist', 'cli.js'), '');
		// tsc would fail on this source: not running it is what lets this pass.
		expect(() => ensureBuilt({root, tsc})).not.toThrow();
	});
});
