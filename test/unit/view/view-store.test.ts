import {describe, expect, it} from 'vitest';
import {createViewStore} from '../../../source/view/view-store.js';

type Counter = {count: number};
const reducer = (state: Counter, action: 'up' | 'same'): Counter =>
	action === 'up' ? {count: state.count + 1} : state;

describe('the view store', () => {
	it('runs the reducer at once and tells its subscribers, only when the state changed', () => {
		const store = createViewStore(reducer, {count: 0});
		const heard: number[] = [];
		const stop = store.subscribe(() => heard.push(store.get().count));
		store.dispatch('up');
		expect(store.get()).toEqual({count: 1});
		store.dispatch('same');
		store.dispatch('up');
		expect(heard).toEqual([1, 2]);
		stop();
		store.dispatch('up');
		expect(heard).toEqual([1, 2]);
		expect(store.get()).toEqual({count: 3});
	});
});
