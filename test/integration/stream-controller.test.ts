/**
 * The real StreamController over a real broker: demo bursts reach the topic through the
 * consumer like any record, and the read-only rule holds for clusters not on this machine.
 */
import {describe, expect, it} from 'vitest';
import {createLogStream} from '../../source/kafka.js';
import {createStreamController} from '../../source/session/create-stream-controller.js';
import {createLogStore} from '../../source/store/log-store.js';
import {createStreamStatusStore} from '../../source/store/stream-status-store.js';
import {testBootstrap, uniqueName} from '../support/kafka/test-kafka.js';

function controllerFor(brokers: string[], topic: string, allowProduce: boolean) {
	const store = createLogStore();
	const status = createStreamStatusStore();
	const stream = createLogStream({
		brokers,
		topics: [topic],
		groupId: uniqueName('klog-controller'),
		start: {kind: 'beginning'},
		onRecords: (records) => {
			store.append(records);
		},
		onStatus: (state) => status.setConnection(state),
		onPartitions: (partitions) => status.setPartitions(partitions),
	});
	const controller = createStreamController({
		stream,
		store,
		status,
		connection: {brokers},
		topics: [topic],
		allowProduce,
	});
	return {store, status, stream, controller};
}

describe('stream controller', () => {
	it('refuses demo bursts to a cluster that is not on this machine unless allowed', async () => {
		const remote = controllerFor(['10.255.255.1:9092'], 'logs', false);
		expect(remote.controller.producePermission.allowed).toBe(false);
		await expect(remote.controller.sendDemoBurst(5)).rejects.toThrow(/read-only/);
		await remote.controller.quit();
		const allowed = controllerFor(['10.255.255.1:9092'], 'logs', true);
		expect(allowed.controller.producePermission).toEqual({allowed: true});
		await allowed.controller.quit();
	});

	it('sends a demo burst (creating the topic) that arrives through the consumer; pause and quit work', async () => {
		const topic = uniqueName('controller');
		const {store, stream, controller} = controllerFor([testBootstrap()], topic, false);
		expect(controller.producePermission).toEqual({allowed: true});
		void stream.start();
		expect(await controller.sendDemoBurst(30)).toBe(30);
		const deadline = Date.now() + 60_000;
		while (store.total < 30 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 100));
		expect(store.total).toBe(30);
		expect(store.services().map((service) => service.service)).toEqual(['api', 'auth', 'payments', 'worker']);

		controller.pause();
		expect(controller.paused).toBe(true);
		controller.resume();
		expect(controller.paused).toBe(false);
		await controller.seek({kind: 'beginning'});
		while (store.size < 30 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
		// Re-read from the beginning after the view was cleared: the same 30 records again, once.
		expect(store.size).toBe(30);
		await controller.quit();
		expect(stream.state.kind).toBe('stopped');
	});
});
