import {createWriteStream, type WriteStream} from 'node:fs';
import {type LogEntry, type logCreator, logLevel} from 'kafkajs';

/** A kafkajs log entry reduced to what the stream needs to explain a connection problem. */
export type KafkaLogNote = {
	level: 'error' | 'warn';
	namespace: string;
	message: string;
	/** The error kafkajs attached, when it did (e.g. a broker's answer to a request). */
	error?: string;
	/** The partition the entry is about, when kafkajs named one (e.g. an offset out of range). */
	topic?: string;
	partition?: number;
};

export type KafkaLoggerOptions = {
	/** Append kafkajs logs (JSON lines) to this file; without it they go nowhere. */
	logFile?: string;
	/** Called with every warning and error, so the stream can show the last reason. */
	onNote?: (note: KafkaLogNote) => void;
};

/** One write stream per log file, shared by every client of the process. */
const openFiles = new Map<string, WriteStream>();

function fileFor(path: string): WriteStream {
	let stream = openFiles.get(path);
	if (!stream) {
		stream = createWriteStream(path, {flags: 'a'});
		// A log file that cannot be written must never crash a viewer: drop the logs.
		stream.on('error', () => {
			openFiles.delete(path);
		});
		openFiles.set(path, stream);
	}
	return stream;
}

const LEVEL_NAMES: Record<number, string> = {
	[logLevel.ERROR]: 'error',
	[logLevel.WARN]: 'warn',
	[logLevel.INFO]: 'info',
	[logLevel.DEBUG]: 'debug',
};

/**
 * The kafkajs log level for these options: INFO into a file, else only warnings and
 * errors (which are not written anywhere, only handed to `onNote`), else nothing.
 */
export function kafkaLogLevel(options: KafkaLoggerOptions): logLevel {
	if (options.logFile) return logLevel.INFO;
	if (options.onNote) return logLevel.WARN;
	return logLevel.NOTHING;
}

/**
 * A kafkajs `logCreator` that writes to `logFile` or nowhere. kafkajs' default logger
 * writes through `console`, which would tear an Ink screen apart, so every client we
 * create uses this one.
 */
export function createKafkaLogCreator(options: KafkaLoggerOptions): logCreator {
	return () =>
		({namespace, level, log}: LogEntry) => {
			const {message, timestamp, logger: _logger, ...extra} = log;
			if (options.onNote && (level === logLevel.ERROR || level === logLevel.WARN)) {
				options.onNote({
					level: level === logLevel.ERROR ? 'error' : 'warn',
					namespace,
					message,
					...(typeof extra.error === 'string' ? {error: extra.error} : {}),
					...(typeof extra.topic === 'string' && typeof extra.partition === 'number'
						? {topic: extra.topic, partition: extra.partition}
						: {}),
				});
			}
			if (options.logFile) {
				const line = JSON.stringify({
					timestamp,
					level: LEVEL_NAMES[level] ?? String(level),
					namespace,
					message,
					...extra,
				});
				fileFor(options.logFile).write(`${line}\n`);
			}
		};
}
