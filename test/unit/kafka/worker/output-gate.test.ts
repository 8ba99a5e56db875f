import {describe, expect, it} from 'vitest';
import {createOutputGate} from '../../../../source/kafka/worker/output-gate.js';

describe('createOutputGate', () => {
	it('passes acknowledgements on at once while the output takes what it gets', () => {
		const sent: number[] = [];
		const gate = createOutputGate((bytes) => sent.push(bytes));
		gate.ack(100);
		gate.ack(200);
		expect(sent).toEqual([100, 200]);
		expect(gate.whenDrained()).toBeUndefined();
	});

	it('holds them while the output is full and sends their sum once it drains', () => {
		const sent: number[] = [];
		const gate = createOutputGate((bytes) => sent.push(bytes));
		gate.setFull(true);
		gate.ack(100);
		gate.ack(250);
		expect(sent).toEqual([]);
		// Full twice is still one full: nothing is sent, nothing is lost.
		gate.setFull(true);
		gate.setFull(false);
		expect(sent).toEqual([350]);
		gate.setFull(false);
		gate.ack(5);
		expect(sent).toEqual([350, 5]);
	});

	it('drains with nothing held without sending an empty acknowledgement', () => {
		const sent: number[] = [];
		const gate = createOutputGate((bytes) => sent.push(bytes));
		gate.setFull(true);
		gate.setFull(false);
		expect(sent).toEqual([]);
	});

	it('gives one promise per full spell, resolved when the output drains', async () => {
		const gate = createOutputGate(() => undefined);
		gate.setFull(true);
		const first = gate.whenDrained();
		expect(first).toBeInstanceOf(Promise);
		expect(gate.whenDrained()).toBe(first);
		let drained = false;
		void first!.then(() => {
			drained = true;
		});
		await Promise.resolve();
		expect(drained).toBe(false);
		gate.setFull(false);
		await first;
		expect(drained).toBe(true);
		expect(gate.whenDrained()).toBeUndefined();
		gate.setFull(true);
		expect(gate.whenDrained()).not.toBe(first);
		expect(gate.full).toBe(true);
	});
});
