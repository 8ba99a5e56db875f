import {Writable} from 'node:stream';
import bunyan from 'bunyan';
import pino from 'pino';
import winston from 'winston';

/**
 * Real log lines from the Node.js loggers klog-tui users run (devDependencies: pino, bunyan,
 * winston), made at test time: each logger writes into a stream that keeps its lines.
 */

function lineCollector(): {stream: Writable; lines: string[]} {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			for (const line of String(chunk).split('\n')) if (line.trim() !== '') lines.push(line);
			done();
		},
	});
	return {stream, lines};
}

/** pino, its defaults, a named logger; pino writes synchronously to the stream. */
export function pinoLines(): string[] {
	const {stream, lines} = lineCollector();
	const log = pino({name: 'billing'}, stream);
	log.info('invoice 7 sent');
	log.warn({traceId: '4bf92f3577b34da6a3ce929d0e0e4736'}, 'retrying invoice 8');
	log.error(new Error('smtp down'), 'invoice 9 failed');
	return lines;
}

export function bunyanLines(): string[] {
	const {stream, lines} = lineCollector();
	const log = bunyan.createLogger({name: 'orders', stream});
	log.info('order 42 accepted');
	log.warn('stock for sku-7 is low');
	log.fatal('database gone');
	return lines;
}

/** winston with `format.json()` (and a timestamp) or `format.logstash()`, with a default service. */
export async function winstonLines(kind: 'json' | 'logstash'): Promise<string[]> {
	const {stream, lines} = lineCollector();
	const format =
		kind === 'json'
			? winston.format.combine(winston.format.timestamp(), winston.format.json())
			: winston.format.combine(winston.format.timestamp(), winston.format.logstash());
	const log = winston.createLogger({
		level: 'debug',
		format,
		defaultMeta: {service: 'user-service'},
		transports: [new winston.transports.Stream({stream})],
	});
	log.info('user 5 signed up');
	log.warn('password too weak');
	log.error('profile store down');
	await new Promise<void>((resolve) => {
		log.on('finish', resolve);
		log.end();
	});
	return lines;
}
