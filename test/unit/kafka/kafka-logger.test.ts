import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {logLevel} from 'kafkajs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createKafkaLogCreator, type KafkaLogNote, kafkaLogLevel} from '../../../source/kafka/kafka-logger.js';

const entry = (level: logLevel, message: string) => ({
	namespace: 'Connection',
	level,
	label: 'ERROR',
	log: {timestamp: '2024-05-01T00:00:00.000Z', logger: 'kafkajs', message, broker: '127.0.0.1:1'},
});

describe('kafka logger', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('writes JSON lines to the log file and nothing to the console', async () => {
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
			vi.spyOn(console, method).mockImplementation(() => undefined),
		);
		const file = join(mkdtempSync(join(tmpdir(), 'klog-log-')), 'kafka.log');
		const log = createKafkaLogCreator({logFile: file})(logLevel.INFO);
		log(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED'));
		log(entry(logLevel.INFO, 'Starting'));
		await vi.waitFor(() => expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2));
		const [first] = readFileSync(file, 'utf8').trim().split('\n');
		expect(JSON.parse(first!)).toEqual({
			timestamp: '2024-05-01T00:00:00.000Z',
			level: 'error',
			namespace: 'Connection',
			message: 'Connection error: connect ECONNREFUSED',
			broker: '127.0.0.1:1',
		});
		for (const spy of spies) expect(spy).not.toHaveBeenCalled();
	});

	it('hands warnings and errors to onNote, not info', () => {
		const notes: KafkaLogNote[] = [];
		const log = createKafkaLogCreator({onNote: (note) => notes.push(note)})(logLevel.WARN);
		log(entry(logLevel.WARN, 'slow'));
		log(entry(logLevel.ERROR, 'broken'));
		log(entry(logLevel.INFO, 'fine'));
		const failed = entry(logLevel.ERROR, 'Response Fetch(key: 1, version: 11)');
		log({...failed, log: {...failed.log, error: 'This server does not host this topic-partition'}});
		const reset = entry(logLevel.ERROR, 'Offset out of range, resetting to default offset');
		log({...reset, namespace: 'ConsumerGroup', log: {...reset.log, topic: 'logs', partition: 2}});
		expect(notes).toEqual([
			{level: 'warn', namespace: 'Connection', message: 'slow'},
			{level: 'error', namespace: 'Connection', message: 'broken'},
			{
				level: 'error',
				namespace: 'Connection',
				message: 'Response Fetch(key: 1, version: 11)',
				error: 'This server does not host this topic-partition',
			},
			{
				level: 'error',
				namespace: 'ConsumerGroup',
				message: 'Offset out of range, resetting to default offset',
				topic: 'logs',
				partition: 2,
			},
		]);
	});

	it('picks the level: info into a file, warnings for notes only, else nothing', () => {
		expect(kafkaLogLevel({logFile: '/tmp/x'})).toBe(logLevel.INFO);
		expect(kafkaLogLevel({onNote: () => undefined})).toBe(logLevel.WARN);
		expect(kafkaLogLevel({})).toBe(logLevel.NOTHING);
	});
});
