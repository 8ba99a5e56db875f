import fs from 'node:fs';
import {fileURLToPath} from 'node:url';

/**
 * Ink's version and its `Output` class (ink/build/output.js), found beside Ink's entry because
 * Ink's package exports list only the entry. The bundle (scripts/bundle.ts) puts a module of
 * its own in this one's place, which imports the bundled copy: the `Output` that draws.
 */
export async function loadInkOutputModule(): Promise<{version: string; Output: unknown}> {
	const inkEntry = import.meta.resolve('ink');
	const packageJson = new URL('../package.json', inkEntry);
	const {version} = JSON.parse(fs.readFileSync(fileURLToPath(packageJson), 'utf8')) as {version: string};
	const module = (await import(new URL('output.js', inkEntry).href)) as {default?: unknown};
	return {version, Output: module.default};
}
