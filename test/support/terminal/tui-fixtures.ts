import chalk from 'chalk';
import stringWidth from 'string-width';
import type {RawRecord} from '../../../source/record/log-record.js';
import type {StartPosition} from '../../../source/stream/start-position.js';
import type {ProducePermission, StreamController} from '../../../source/stream/stream-controller.js';

// Ink colours through chalk, which turns colour off when stdout is not a terminal (as under
// vitest): force it on so frames carry the ANSI codes the tests check.
chalk.level = 3;

/** ANSI escape sequences in a frame (colour codes). */
const ANSI = /\x1b\[[0-9;]*m/g;

/** A frame without its colour codes. */
export function plain(frame: string | undefined): string {
	return (frame ?? '').replaceAll(ANSI, '');
}

/** The frame's lines and their widths in terminal cells. */
export function frameLines(frame: string | undefined): string[] {
	return (frame ?? '').split('\n');
}

/** Widest line of a frame in cells (colour codes do not count). */
export function widestLine(frame: string | undefined): number {
	return Math.max(0, ...frameLines(frame).map((line) => stringWidth(line)));
}

/** Wait for React to commit and Ink to write (a tick is not always enough under load). */
export async function settle(ms = 30): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

let nextOffset = 0;

/** A Kafka record holding a JSON log line. */
export function logRecord(
	fields: Record<string, unknown>,
	options: {partition?: number; offset?: number; key?: string; headers?: Record<string, string>} = {},
): RawRecord {
	return {
		topic: 'logs',
		partition: options.partition ?? 0,
		offset: options.offset ?? nextOffset++,
		timestamp: Date.UTC(2024, 0, 31, 12, 0, 0),
		key: options.key === undefined ? null : Buffer.from(options.key),
		value: Buffer.from(JSON.stringify(fields)),
		headers: options.headers,
	};
}

/** A controller that records what the UI asked of it (and every position it was asked to seek to). */
export type RecordingController = StreamController & {calls: string[]; seeks: StartPosition[]};

export function recordingController(permission: ProducePermission = {allowed: true}): RecordingController {
	const calls: string[] = [];
	const seeks: StartPosition[] = [];
	let paused = false;
	return {
		calls,
		seeks,
		pause() {
			calls.push('pause');
			paused = true;
		},
		resume() {
			calls.push('resume');
			paused = false;
		},
		get paused() {
			return paused;
		},
		async seek(start: StartPosition) {
			calls.push(`seek:${start.kind}`);
			seeks.push(start);
		},
		producePermission: permission,
		async sendDemoBurst(count = 50) {
			calls.push('demo');
			return count;
		},
		async quit() {
			calls.push('quit');
		},
	};
}

export const INFO = {topics: ['logs'], brokers: ['127.0.0.1:9092'], groupId: 'klog-tui-test'};
