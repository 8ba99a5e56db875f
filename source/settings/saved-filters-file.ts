import {constants} from 'node:fs';
import {access, chmod, mkdir, open, readFile, realpath, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {mergeSavedFilters, type SavedFilter, type SavedFilterStore} from '../store/filter/saved-filters.js';
import {parseConfigText} from './config-file.js';
import type {KlogConfig} from './config-schema.js';

/**
 * Saved filters in the config file: read from the active profile (then `defaults`), written
 * to the active profile, or to `defaults` when there is none. A save reads the file again,
 * changes only that profile's `filters`, checks the result is still a valid config, and
 * replaces the file atomically (a new file beside it, then a rename), keeping its permissions
 * and following a symlink to the real file. A file the user cannot write is not replaced
 * (a rename would do it anyway, in a writable folder), nor one without any write bit (even
 * by root): the save fails with one line.
 */

/** The saved filters a profile sees (its own first, then those of `defaults`). */
export function savedFiltersOf(config: KlogConfig | undefined, profile: string | undefined): SavedFilter[] {
	if (!config) return [];
	const own = profile === undefined ? undefined : config.profiles[profile]?.filters;
	return mergeSavedFilters([own, config.defaults.filters]);
}

export type SavedFiltersFileOptions = {
	/** The config file (it need not exist yet: the first save creates it). */
	file: string;
	/** The active profile; undefined saves to `defaults`. */
	profile: string | undefined;
	/** What the file holds now (as loaded at start). */
	config: KlogConfig | undefined;
};

/** The TUI's saved filters, kept in the config file. */
export function createSavedFiltersFile({file, profile, config}: SavedFiltersFileOptions): SavedFilterStore {
	return {
		filters: savedFiltersOf(config, profile),
		place: `${profile === undefined ? 'defaults' : `profile ${profile}`} in ${file}`,
		async save(name, line) {
			try {
				const written = await saveFilter(file, profile, name.trim(), line.trim());
				return savedFiltersOf(written, profile);
			} catch (error) {
				throw new Error(`filter not saved: ${reason(error, file)}`);
			}
		},
	};
}

async function saveFilter(
	file: string,
	profile: string | undefined,
	name: string,
	line: string,
): Promise<KlogConfig> {
	const target = await realTarget(file);
	const before = await readIfThere(target);
	const raw = before === undefined ? {} : parseObject(before, target);
	const layer = profile === undefined ? child(raw, 'defaults') : child(child(raw, 'profiles'), profile);
	child(layer, 'filters')[name] = line;
	const text = `${JSON.stringify(raw, null, indentOf(before))}\n`;
	// Never write what klog-tui could not read back.
	const written = parseConfigText(text, target);
	await replaceFile(target, text);
	return written;
}

/** The file a save replaces: the real file behind a symlink (so the link stays a link). */
async function realTarget(file: string): Promise<string> {
	try {
		return await realpath(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return file;
		throw error;
	}
}

async function readIfThere(file: string): Promise<string | undefined> {
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function parseObject(text: string, file: string): Record<string, unknown> {
	// Validates as the start did (it may have changed since), then keeps the text's own keys
	// and spellings (`topic` stays `topic`) by editing the parsed JSON, not the validated config.
	parseConfigText(text, file);
	return JSON.parse(text) as Record<string, unknown>;
}

/** `parent[key]` as an object, made when missing. */
function child(parent: Record<string, unknown>, key: string): Record<string, unknown> {
	const value = parent[key];
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return value as Record<string, unknown>;
	}
	const made: Record<string, unknown> = {};
	parent[key] = made;
	return made;
}

/** The indentation the file uses (its first indented line), else two spaces. */
function indentOf(text: string | undefined): string {
	const indent = /\n([ \t]+)\S/.exec(text ?? '')?.[1];
	return indent ?? '  ';
}

/** Write `text` to a new file beside `target` (flushed to disk), then rename it over `target`. */
async function replaceFile(target: string, text: string): Promise<void> {
	const existing = await stat(target).catch(() => undefined);
	const folder = path.dirname(target);
	if (existing) {
		// No write bit at all is a file made read-only on purpose: root, who may write anyway, leaves it too.
		if ((existing.mode & 0o222) === 0) {
			throw new Error(`${target} is read-only (mode ${(existing.mode & 0o777).toString(8)})`);
		}
		await access(target, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
			throw new Error(`${target} is read-only (${error.code ?? 'no write access'})`);
		});
	} else {
		// A config file may hold a password: a new one is for its owner only.
		await mkdir(folder, {recursive: true, mode: 0o700});
	}
	const temporary = path.join(
		folder,
		`.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`,
	);
	const mode = existing ? existing.mode & 0o777 : 0o600;
	try {
		const handle = await open(temporary, 'wx', mode);
		try {
			await handle.writeFile(text, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
		// The umask may have taken bits off the mode `open` was given.
		await chmod(temporary, mode);
		await rename(temporary, target);
	} catch (error) {
		await rm(temporary, {force: true});
		const code = (error as NodeJS.ErrnoException).code;
		throw new Error(`cannot write in ${folder} (${code ?? String(error)})`);
	}
}

/** One line on why the save failed. */
function reason(error: unknown, file: string): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code) return `${file}: ${code}`;
	// Our own errors and a ConfigError name the file already.
	return error instanceof Error ? error.message : String(error);
}
