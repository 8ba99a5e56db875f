import {describe, expect, it} from 'vitest';
import {CI_MARKERS, forgetCiMarkersInTerminal} from '../../../source/cli/ci-markers.js';

describe('forgetCiMarkersInTerminal', () => {
	it('removes CI and CONTINUOUS_INTEGRATION when stdout is a terminal, and says so', () => {
		const env: NodeJS.ProcessEnv = {CI: 'true', CONTINUOUS_INTEGRATION: '1', PATH: '/bin'};
		expect(forgetCiMarkersInTerminal(env, {stdoutIsTTY: true})).toEqual([...CI_MARKERS]);
		expect(env).toEqual({PATH: '/bin'});
	});

	it('removes CI even when it says false (chalk turns colours off for any CI key)', () => {
		const env: NodeJS.ProcessEnv = {CI: 'false'};
		expect(forgetCiMarkersInTerminal(env, {stdoutIsTTY: true})).toEqual(['CI']);
		expect('CI' in env).toBe(false);
	});

	it('leaves the environment alone when stdout is piped', () => {
		const env: NodeJS.ProcessEnv = {CI: 'true', CONTINUOUS_INTEGRATION: 'yes'};
		expect(forgetCiMarkersInTerminal(env, {stdoutIsTTY: false})).toEqual([]);
		expect(env).toEqual({CI: 'true', CONTINUOUS_INTEGRATION: 'yes'});
	});

	it('removes nothing when there is nothing to remove', () => {
		const env: NodeJS.ProcessEnv = {HOME: '/root'};
		expect(forgetCiMarkersInTerminal(env, {stdoutIsTTY: true})).toEqual([]);
		expect(env).toEqual({HOME: '/root'});
	});
});
