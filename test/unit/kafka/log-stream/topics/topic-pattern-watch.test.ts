import {describe, expect, it} from 'vitest';
import {createStateReporter} from '../../../../../source/kafka/log-stream/state-reporter.js';
import {createStopSignals} from '../../../../../source/kafka/log-stream/stop-signals.js';
import {createPatternStart} from '../../../../../source/kafka/log-stream/topics/pattern-start.js';
import {createTopicPatternWatch} from '../../../../../source/kafka/log-stream/topics/topic-pattern-watch.js';
import type {ConnectionState} from '../../../../../source/stream/stream-status.js';

/** A cluster whose topic list the test changes; `fail` makes the next look throw. */
function cluster(initial: string[]) {
	const names = [...initial];
	let fail = false;
	return {
		names,
		failNext() {
			fail = true;
		},
		listTopics: async () => {
			if (fail) {
				fail = false;
				throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
			}
			return [...names];
		},
	};
}

function setUp(initial: string[], topics: string[] = [], waitForTopics = true) {
	const fake = cluster(initial);
	const added: string[] = [];
	const watch = createTopicPatternWatch({
		patterns: ['/^app-/'],
		topics,
		listTopics: fake.listTopics,
		added: (topic) => added.push(topic),
	});
	const states: ConnectionState[] = [];
	const lines: string[] = [];
	const state = createStateReporter({
		onStatus: (next) => states.push(next),
		onError: (line) => lines.push(line),
	});
	const stops = createStopSignals();
	const stopped: string[] = [];
	let drops = 0;
	const start = createPatternStart({
		watch,
		topics,
		state,
		stops,
		dropAdmin: () => {
			drops += 1;
		},
		stop: async (reason) => {
			stopped.push(reason);
			stops.begin();
		},
		waitForTopics,
		brokersLabel: 'kafka:9092',
		everyMs: 5,
	});
	return {fake, watch, topics, added, states, lines, stopped, start, drops: () => drops};
}

describe('the topic pattern watch', () => {
	it('adds the matching topics to the stream list; those found after start are read from their start', async () => {
		const {fake, watch, topics, added} = setUp(['app-a', 'other', '__consumer_offsets'], ['named']);
		expect(await watch.look(false)).toEqual(['app-a']);
		expect(topics).toEqual(['named', 'app-a']);
		expect(added).toEqual([]);
		fake.names.push('app-b', 'web-app-c');
		expect(await watch.look(true)).toEqual(['app-b']);
		expect(await watch.look(true)).toEqual([]);
		expect(topics).toEqual(['named', 'app-a', 'app-b']);
		expect(added).toEqual(['app-b']);
		// The stream's reset callback for it: a new topic, no offsets to forget, once.
		expect(watch.takeNew('app-b')).toBe(true);
		expect(watch.takeNew('app-b')).toBe(false);
		expect(watch.takeNew('app-a')).toBe(false);
	});

	it('waits for a first match with one line and a visible state, through a failed look', async () => {
		const setup = setUp(['other']);
		const first = setup.start.firstMatch();
		await new Promise((resolve) => setTimeout(resolve, 30));
		setup.fake.failNext();
		await new Promise((resolve) => setTimeout(resolve, 30));
		setup.fake.names.push('app-late');
		expect(await first).toBe(true);
		expect(setup.topics).toEqual(['app-late']);
		expect(setup.lines).toEqual(['no topic matches /^app-/ on kafka:9092']);
		expect(setup.states).toContainEqual({
			kind: 'connecting',
			reason: 'waiting for a topic that matches /^app-/ (looking every 2s)',
		});
		expect(setup.states).toContainEqual({
			kind: 'reconnecting',
			reason: 'cannot connect to 127.0.0.1:9092 (connection refused)',
			attempt: 1,
		});
		expect(setup.drops()).toBe(1);
	});

	it('with --exit (no waiting for topics) stops the stream with that line', async () => {
		const setup = setUp(['other'], [], false);
		expect(await setup.start.firstMatch()).toBe(false);
		expect(setup.stopped).toEqual(['no topic matches /^app-/ on kafka:9092']);
		expect(setup.lines).toEqual(['no topic matches /^app-/ on kafka:9092']);
	});

	it('does not wait when a named topic is there to read', async () => {
		const setup = setUp(['other'], ['named']);
		expect(await setup.start.firstMatch()).toBe(true);
		expect(setup.lines).toEqual([]);
	});
});
