/**
 * The lag worker: reads the consumer groups that commit on the viewed topics
 * (`readConsumerLag`: list, fetch offsets, describe only the groups that touch the topics)
 * while the main thread says the panel is open, and posts each reading. Read-only: it never
 * joins a group, commits, deletes or moves an offset. The next reading is scheduled when one
 * ends, so a slow cluster never piles readings up.
 */
import {parentPort, workerData} from 'node:worker_threads';
import type {Admin} from 'kafkajs';
import {matchingTopics, parseTopicPatterns} from '../../stream/topic-pattern.js';
import {readConsumerLag} from '../consumer-lag.js';
import {describeKafkaError} from '../error-reason.js';
import {createKafka} from '../kafka-client.js';
import type {FromLagWorker, LagWorkerData, ToLagWorker} from './lag-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('lag-worker.js runs as a worker thread');

const post = (message: FromLagWorker) => port.postMessage(message);
const {connection, topics, topicPatterns, intervalMs} = workerData as LagWorkerData;
const patterns = parseTopicPatterns(topicPatterns);

let admin: Admin | undefined;
let active = false;
let reading = false;
let closed = false;
let timer: NodeJS.Timeout | undefined;

async function connectedAdmin(): Promise<Admin> {
	if (admin) return admin;
	const next = createKafka(connection, {retry: {retries: 2}}).admin();
	await next.connect();
	admin = next;
	return next;
}

async function readOnce(): Promise<void> {
	timer = undefined;
	if (reading || closed) return;
	reading = true;
	try {
		const client = await connectedAdmin();
		// Asked first: a metadata request for a missing topic may create it (auto-creation).
		const listed = await client.listTopics();
		const existing = new Set(listed);
		const missing = topics.filter((topic) => !existing.has(topic));
		// The patterns' topics as they are now: a topic created since the last reading counts.
		const read = [...new Set([...topics, ...matchingTopics(patterns, listed)])];
		if (missing.length > 0) {
			post({type: 'error', message: `no such topic: ${missing.join(', ')}`});
		} else if (read.length === 0) {
			post({type: 'error', message: `no topic matches ${topicPatterns.join(', ')}`});
		} else {
			const {groups, unreadable} = await readConsumerLag(client, read);
			post({type: 'reading', groups, unreadable, time: Date.now()});
		}
	} catch (error) {
		post({type: 'error', message: `could not read the consumer groups: ${describeKafkaError(error)}`});
		// A fresh client next time: the old one may hold a dead connection.
		const old = admin;
		admin = undefined;
		await old?.disconnect().catch(() => undefined);
	} finally {
		reading = false;
		if (active && !closed) timer = setTimeout(() => void readOnce(), intervalMs);
	}
}

port.on('message', (message: ToLagWorker) => {
	if (message.type === 'active') {
		active = message.active;
		if (active && !reading && !timer) void readOnce();
		if (!active && timer) {
			clearTimeout(timer);
			timer = undefined;
		}
		return;
	}
	closed = true;
	if (timer) clearTimeout(timer);
	const old = admin;
	admin = undefined;
	void (old?.disconnect() ?? Promise.resolve()).catch(() => undefined).then(() => post({type: 'closed'}));
});
