import {describe, expect, it} from 'vitest';
import {createShownOffsets} from '../../../../../source/kafka/log-stream/group/shown-offsets.js';

describe('shown offsets', () => {
	it('without acknowledgements: the latest next offset per partition, once per take', () => {
		const shown = createShownOffsets({acknowledged: false});
		shown.handed('t', 0, 5);
		shown.handed('t', 1, 3);
		shown.handed('t', 0, 9);
		expect(shown.take()).toEqual([
			{topic: 't', partition: 0, offset: '9'},
			{topic: 't', partition: 1, offset: '3'},
		]);
		expect(shown.take()).toEqual([]);
	});

	it('with acknowledgements: only acknowledged batches, in the order they were handed', () => {
		const shown = createShownOffsets({acknowledged: true});
		shown.handed('t', 0, 5);
		shown.handed('t', 0, 8);
		shown.handed('u', 2, 4);
		expect(shown.take()).toEqual([]);
		shown.acknowledge();
		expect(shown.take()).toEqual([{topic: 't', partition: 0, offset: '5'}]);
		shown.acknowledge();
		shown.acknowledge();
		shown.acknowledge();
		expect(shown.take()).toEqual([
			{topic: 't', partition: 0, offset: '8'},
			{topic: 'u', partition: 2, offset: '4'},
		]);
	});

	it('keeps order over many batches (the queue compacts)', () => {
		const shown = createShownOffsets({acknowledged: true});
		for (let next = 1; next <= 5000; next++) shown.handed('t', 0, next);
		for (let count = 0; count < 4000; count++) shown.acknowledge();
		expect(shown.take()).toEqual([{topic: 't', partition: 0, offset: '4000'}]);
		for (let count = 0; count < 1000; count++) shown.acknowledge();
		expect(shown.take()).toEqual([{topic: 't', partition: 0, offset: '5000'}]);
	});

	it('a failed commit puts its entries back, unless a newer offset came meanwhile', () => {
		const shown = createShownOffsets({acknowledged: false});
		shown.handed('t', 0, 5);
		shown.handed('t', 1, 5);
		const failed = shown.take();
		shown.handed('t', 0, 7);
		shown.putBack(failed);
		expect(shown.take()).toEqual([
			{topic: 't', partition: 0, offset: '7'},
			{topic: 't', partition: 1, offset: '5'},
		]);
	});
});
