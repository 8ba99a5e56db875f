import type {Admin, Consumer} from 'kafkajs';
import type {StartPosition} from '../../stream/start-position.js';
import {describeKafkaError, isFatalKafkaError} from '../error-reason.js';
import type {PartitionEnd} from './caught-up.js';
import {applyPause, createAssignment} from './group/assignment.js';
import {type ConsumerEventHandlers, listenToConsumer} from './group/consumer-events.js';
import {createConsumerSlot} from './group/consumer-slot.js';
import {makeGroupConsumer} from './group/group-consumer.js';
import type {Outcome, SessionLoop, SessionLoopDeps} from './session-loop-types.js';
import {backoffMs, within} from './stream-timing.js';
import type {PartitionJoin} from './topics/partition-starts.js';
import {createTopicWait} from './topics/topic-wait.js';
import {topicChangeMessage} from './topics/topic-watch.js';

export type {SessionLoop, SessionLoopDeps} from './session-loop-types.js';

/** The session loop (what it does: session-loop-types.ts); it owns the consumer and its assignment. */
export function createSessionLoop(deps: SessionLoopDeps): SessionLoop {
	const {options, tracker, watch, admin, guard, topicWatch, topicWaitMs = 2000} = deps;
	const {partitionStarts, direct, state, partitions, stops} = deps;
	const waitForTopics = options.waitForTopics ?? true;
	const commitOffsets = options.commitOffsets ?? false;
	const withoutGroup = options.withoutGroup ?? false;
	const brokersLabel = options.brokers.join(',');
	const slot = createConsumerSlot();
	const assignment = createAssignment({topics: options.topics, tracker});
	/** Topics deleted while the others are read: once back, the group is joined again with them. */
	const topicWait = createTopicWait({
		listTopics: async () => {
			try {
				return await (await admin.client()).listTopics();
			} catch (error) {
				admin.drop();
				throw error;
			}
		},
		back: () => rejoin(),
		everyMs: topicWaitMs,
	});
	let session: Promise<Outcome> | undefined;
	let retryTimer: NodeJS.Timeout | undefined;
	let stopPromise: Promise<void> | undefined;
	let positionsReady = false;
	/** Where the first session starts; a seek before the stream got that far replaces it. */
	let startPosition: StartPosition = options.start;
	/** A consumer was made in this run (so there may be a group of ours to delete). */
	let groupUsed = false;

	/** Seeks for consumer `target` of generation `mine`, while it is still ours. */
	const joinOf = (target: Consumer | undefined, mine: number): PartitionJoin => ({
		isCurrent: () => slot.isCurrent(mine) && !stops.stopping && target !== undefined,
		seek: (topic, partition, offset) => {
			try {
				target?.seek({topic, partition, offset: String(offset)});
			} catch {
				// Between runs: the next join looks again.
			}
		},
	});

	/** No consumer is current any more; the one that was leaves (its disconnect, never throwing). */
	const dropConsumer = (): Promise<void> =>
		slot
			.drop()
			?.disconnect()
			.catch(() => undefined) ?? Promise.resolve();

	const scheduleRetry = (delay: number) => {
		clearTimeout(retryTimer);
		if (stops.stopping) return;
		retryTimer = setTimeout(() => {
			retryTimer = undefined;
			void loop.run();
		}, delay);
	};

	/** What the loop does with the events of consumer `target` of generation `mine`. */
	const handlersFor = (target: Consumer, mine: number): ConsumerEventHandlers => ({
		...deps.events,
		isMine: () => slot.isCurrent(mine),
		stopping: () => stops.stopping,
		retire: () => deps.stale.retire(target),
		// The group is ours to delete on the way out.
		joinedGroup: () => guard.joined(),
		join(memberAssignment) {
			// The hand-over: from here no direct fetch moves a position, and the group seeks
			// every partition to where the direct reading got (seekAssigned below).
			void direct.stop();
			assignment.set(memberAssignment);
			assignment.seekAll(target);
			partitionStarts.afterJoin(assignment.partitions, joinOf(target, mine));
			applyPause(target, options.topics, deps.paused());
			loop.attempt = 0;
			deps.resetWatchdog();
			// The others are read, but the state keeps saying which topic is waited for.
			if (topicWait.waiting.length === 0) state.set({kind: 'live'});
			partitions.schedule();
		},
		rebalancing: () => state.set({kind: 'rebalancing'}),
		crashed(error, restart) {
			tracker.unassignAll();
			assignment.clear();
			partitions.schedule();
			if (isFatalKafkaError(error) || guard.problem(error) !== undefined) {
				loop.fail(error);
				return;
			}
			loop.attempt += 1;
			state.set({kind: 'reconnecting', reason: describeKafkaError(error), attempt: loop.attempt});
			if (!restart) {
				// kafkajs gave up on this consumer; make a new one (same group, same positions).
				void dropConsumer();
				scheduleRetry(backoffMs(loop.attempt));
			}
		},
	});

	/** Every topic exists (else the state says which are waited for, or the stream stops). */
	/**
	 * The topics to read now: every one, or, once reading went on (positions known), the ones
	 * there while our group reads on without those deleted meanwhile (topic-wait.ts). Else
	 * false: the missing ones are waited for (or the stream stops).
	 */
	const topicsThere = async (client: Admin): Promise<string[] | false | 'stopped'> => {
		const existing = new Set(await client.listTopics());
		const missing = options.topics.filter((topic) => !existing.has(topic));
		topicWait.clear();
		if (missing.length === 0) return options.topics;
		for (const topic of missing) {
			if (!topicWatch.isDeleted(topic))
				state.reportOnce(`topic '${topic}' does not exist on ${brokersLabel}`);
		}
		const reason = topicWatch.waitingReason(missing);
		if (!waitForTopics) {
			await loop.stop(`topic ${missing.map((topic) => `'${topic}'`).join(', ')} does not exist`, false);
			return 'stopped';
		}
		state.set({kind: 'connecting', reason});
		if (positionsReady && !withoutGroup && missing.length < options.topics.length) {
			topicWait.wait(missing);
			return options.topics.filter((topic) => existing.has(topic));
		}
		scheduleRetry(topicWaitMs);
		return false;
	};

	/** The first session: every partition's start position, and the ends `--exit` stops at. */
	const setStartPositions = async (): Promise<void> => {
		const offsets = await admin.startOffsets(startPosition);
		if (stops.stopping) return;
		for (const [topic, {ranges, offsets: starts, ends: until}] of offsets) {
			// With --until a partition is done at its window's end, not the topic's.
			const ends: PartitionEnd[] = ranges.map((range) => ({
				topic,
				...range,
				high: until?.get(range.partition) ?? range.high,
			}));
			if (until) deps.windowEnd?.set(topic, until);
			watch.setEnds(topic, ends);
			for (const range of ranges) {
				tracker.setPosition(topic, range.partition, starts.get(range.partition) ?? range.high);
				tracker.setHighWatermark(topic, range.partition, range.high);
			}
		}
		positionsReady = true;
		deps.checkCaughtUp();
		partitions.schedule();
	};

	/** Our own group's consumer, running. */
	const runConsumer = async (topics: string[]): Promise<Outcome> => {
		groupUsed = true;
		const {consumer: next, generation: mine} = slot.take((generation) =>
			makeGroupConsumer(deps.kafka, {
				groupId: options.groupId,
				maxWaitTimeInMs: options.maxWaitTimeInMs ?? 250,
				maxBytesPerPartition: deps.maxBytesPerPartition,
				metadataMaxAgeMs: deps.metadataMaxAgeMs,
				restartOnFailure: deps.stale.restartOnFailure(() => slot.isCurrent(generation) && !stops.stopping),
			}),
		);
		listenToConsumer(next, handlersFor(next, mine));
		await next.connect();
		if (stops.stopping || !slot.isCurrent(mine)) return 'stopped';
		await next.subscribe({topics, fromBeginning: false});
		await next.run({
			// Our own commits only (offset-committer.ts): kafkajs' would commit ahead of the output.
			autoCommit: false,
			eachBatchAutoResolve: false,
			eachBatch: deps.delivery.eachBatch(() => slot.isCurrent(mine)),
		});
		return 'running';
	};

	/** One attempt to get reading. Returns what happened; never throws. */
	const attemptSession = async (): Promise<Outcome> => {
		try {
			const client = await admin.client();
			if (stops.stopping) return 'stopped';
			const there = await topicsThere(client);
			if (there === false || there === 'stopped') return there || 'retry';
			// Before anything is read or joined: never join a group with live members, or one we may
			// not use. Without a group there is nothing to look at (and no group ACL to need).
			const refusal = withoutGroup ? undefined : await guard.check(client);
			if (refusal) {
				state.reportOnce(refusal.line);
				await loop.stop(refusal.line, false);
				return 'stopped';
			}
			if (stops.stopping) return 'stopped';
			if (!positionsReady) {
				await setStartPositions();
				if (stops.stopping) return 'stopped';
			}
			// Topics deleted or created again are read from their start; the receiver forgets
			// their offsets first, and --exit ends at their new end.
			await topicWatch.startFresh(
				(topic, ranges) => {
					watch.setEnds(
						topic,
						ranges.map((range) => ({topic, ...range})),
					);
					options.onTopicReset?.(topic);
					if (withoutGroup) direct.follow(topic);
				},
				(topic) => there.includes(topic),
			);
			if (stops.stopping) return 'stopped';
			deps.checkCaughtUp();
			if (withoutGroup) {
				await direct.start();
				return 'running';
			}
			// Only for this run's own group: committing needs every record to pass through the
			// group, and a group the user named (another team's, its ACLs) is joined before
			// anything is read, so a refused join shows no records first.
			if (!commitOffsets && !groupUsed && !options.groupPolicy?.named) {
				const reading = direct.start().catch(() => direct.stop());
				if (options.finishAtEnd) {
					await reading;
					await direct.firstRound();
					// All there was to read is read: the caller stops now, no group needed.
					if (watch.isDone || stops.stopping) return 'running';
				}
			}
			return await runConsumer(there);
		} catch (error) {
			admin.drop();
			if (stops.stopping) return 'stopped';
			const outcome = loop.fail(error);
			if (outcome === 'retry') {
				void dropConsumer();
				scheduleRetry(backoffMs(loop.attempt));
			}
			return outcome;
		}
	};

	/**
	 * Drop the consumer, let it leave, and start a session again (with every topic there now).
	 * Without a group only `topic` stops: the others are read on meanwhile.
	 */
	const rejoin = (topic?: string) => {
		const leaving = dropConsumer();
		if (withoutGroup && topic !== undefined) tracker.setAssigned(topic, []);
		else tracker.unassignAll();
		assignment.clear();
		partitions.schedule();
		// The old member leaves before the new one joins, so the group does not wait for it.
		void within(leaving, 5000).then(() => scheduleRetry(0));
	};

	const loop: SessionLoop = {
		attempt: 0,
		get positionsReady() {
			return positionsReady;
		},
		get consumer() {
			return slot.consumer;
		},
		currentJoin: () => joinOf(slot.consumer, slot.generation),
		run() {
			const current = attemptSession().finally(() => {
				if (session === current) session = undefined;
			});
			session = current;
			return current;
		},
		restartTopic(topic, change) {
			if (stops.stopping) return;
			options.onError?.(topicChangeMessage(topic, change, brokersLabel, waitForTopics));
			rejoin(topic);
			if (change === 'deleted') state.set({kind: 'connecting', reason: topicWatch.waitingReason([topic])});
		},
		fail(error) {
			const groupProblem = guard.problem(error);
			const reason = groupProblem ?? describeKafkaError(error);
			if (groupProblem !== undefined || isFatalKafkaError(error)) {
				state.reportOnce(reason);
				void loop.stop(reason, false);
				return 'stopped';
			}
			loop.attempt += 1;
			state.set({kind: 'reconnecting', reason, attempt: loop.attempt});
			return 'retry';
		},
		stop(reason, awaitSession = true) {
			if (stopPromise) return stopPromise;
			stops.begin();
			clearTimeout(retryTimer);
			topicWait.clear();
			deps.onStopping();
			partitions.dispose();
			topicWatch.dispose();
			const directStopped = direct.stop();
			stopPromise = (async () => {
				await within(directStopped, 2000);
				// Let an attempt in flight finish (bounded), so the consumer it made is the one we stop.
				if (session && awaitSession) await within(session, 5000);
				const last = slot.drop();
				// Commit what was shown while still a member, then leave.
				if (commitOffsets) await within(deps.committer.flush(last), 3000);
				if (last)
					await within(
						last.disconnect().catch(() => undefined),
						5000,
					);
				// A group this run created holds nothing worth keeping: delete it so no litter stays on
				// the cluster. Any other group stays; one someone still uses is "not empty" anyway.
				// No consumer made (the start window was read directly): no group to delete.
				await admin.close(guard.deleteOnExit && groupUsed ? options.groupId : undefined);
				tracker.unassignAll();
				partitions.emitNow();
				state.set(reason ? {kind: 'stopped', reason} : {kind: 'stopped'});
				stops.stopped();
			})();
			return stopPromise;
		},
		async seek(start) {
			if (!positionsReady) {
				// Not connected yet: the first session starts there instead.
				startPosition = start;
				return;
			}
			const offsets = await admin.startOffsets(start).catch((error: unknown) => {
				admin.drop();
				throw new Error(`seek failed: ${describeKafkaError(error)}`);
			});
			for (const [topic, {offsets: starts}] of offsets) {
				for (const [partition, offset] of starts) tracker.setPosition(topic, partition, offset);
			}
			// Positions first, then kafkajs' seeks, in the same tick: a batch fetched before the
			// seek is stale (isStale) and dropped, and until the first new batch arrives,
			// batches that hold only markers must not move the position (seekPending).
			for (const [topic, list] of assignment.partitions) {
				for (const partition of list) deps.delivery.seekPending(topic, partition);
			}
			if (slot.consumer) assignment.seekAll(slot.consumer);
			// A direct fetch in flight came from the old positions: it is thrown away.
			direct.restart();
			partitions.schedule();
		},
		applyPause() {
			if (slot.consumer) applyPause(slot.consumer, options.topics, deps.paused());
		},
	};
	return loop;
}
