import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {YOGA_LOADER, yogaLoaderWithoutFetch} from '../../../../tools/bundle/yoga-without-fetch.js';

const loaderFile = path.resolve('node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js');
const realFetch = globalThis.fetch;
const dirs: string[] = [];
afterEach(() => {
	globalThis.fetch = realFetch;
	for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

/** Load `source` as a module of its own, with a global `fetch` that counts its calls; the yoga it makes and the count. */
async function loadWithCountingFetch(source: string) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoga-loader-'));
	dirs.push(dir);
	const file = path.join(dir, 'loader.mjs');
	fs.writeFileSync(file, source);
	let calls = 0;
	globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
		calls += 1;
		return realFetch(...args);
	}) as typeof fetch;
	const {default: loadYoga} = (await import(pathToFileURL(file).href)) as {default: () => Promise<object>};
	const yoga = await loadYoga();
	return {yoga, calls};
}

describe("the bundle's yoga loader", () => {
	it('is the installed yoga-layout file the bundle plugin matches', () => {
		expect(YOGA_LOADER.test(loaderFile)).toBe(true);
	});

	it('as installed, reads its wasm with fetch; patched, makes the same yoga without it', async () => {
		const source = fs.readFileSync(loaderFile, 'utf8');
		const original = await loadWithCountingFetch(source);
		expect(original.calls).toBe(1);
		const patched = await loadWithCountingFetch(yogaLoaderWithoutFetch(source));
		expect(patched.calls).toBe(0);
		expect(Object.keys(patched.yoga).sort()).toEqual(Object.keys(original.yoga).sort());
		expect(Object.keys(patched.yoga).length).toBeGreaterThan(10);
	});

	it('refuses a loader without the fetch test (a new yoga-layout to look at)', () => {
		expect(() => yogaLoaderWithoutFetch('export default 1;', 'x.js')).toThrow(/x\.js: no/);
	});
});
