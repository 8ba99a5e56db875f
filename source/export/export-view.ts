import type {FileHandle} from 'node:fs/promises';
import {open} from 'node:fs/promises';
import {join} from 'node:path';
import {isMark, type LogStore, type ViewLine} from '../store/log-store-types.js';
import {formatJsonLine} from '../terminal-text/format-json-line.js';

/** Lines read from the store per chunk while exporting (keeps memory flat for big views). */
const CHUNK = 2000;

/** One exported line: a record as `--output json` writes it (same fields), or a mark. */
export function exportLine(line: ViewLine): string {
	if (isMark(line)) return JSON.stringify({mark: line.label, time: new Date(line.time).toISOString()});
	return formatJsonLine(line);
}

/** `klog-export-20240131-120501.jsonl` for this moment (local time). */
export function exportFileName(now: Date): string {
	const two = (value: number) => String(value).padStart(2, '0');
	const date = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
	const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
	return `klog-export-${date}-${time}.jsonl`;
}

/** Most files tried for one export when names are taken (`-2`, `-3`...). */
const MAX_NAME_TRIES = 100;

/**
 * A new file for an export, never an existing one: a second export in the same second gets
 * `-2` before `.jsonl`, and so on.
 */
async function createExportFile(directory: string, now: Date): Promise<{path: string; handle: FileHandle}> {
	const base = exportFileName(now).replace(/\.jsonl$/, '');
	for (let attempt = 1; ; attempt++) {
		const path = join(directory, attempt === 1 ? `${base}.jsonl` : `${base}-${attempt}.jsonl`);
		try {
			return {path, handle: await open(path, 'wx')};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= MAX_NAME_TRIES) throw error;
		}
	}
}

/**
 * Write the store's current (filtered) view as JSON lines into `directory`, in a new file.
 * Resolves with the file's path and the number of lines written, or with `undefined` and no
 * file when the view is empty.
 */
export async function exportView(
	store: LogStore,
	directory: string = process.cwd(),
	now: Date = new Date(),
): Promise<{path: string; lines: number} | undefined> {
	const length = store.viewLength;
	if (length === 0) return undefined;
	const {path, handle} = await createExportFile(directory, now);
	const out = handle.createWriteStream();
	const done = new Promise<void>((resolve, reject) => {
		out.on('finish', resolve);
		out.on('error', reject);
	});
	for (let start = 0; start < length; start += CHUNK) {
		const text = store
			.slice(start, Math.min(length, start + CHUNK))
			.map((line) => `${exportLine(line)}\n`)
			.join('');
		if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
	}
	out.end();
	await done;
	return {path, lines: length};
}
