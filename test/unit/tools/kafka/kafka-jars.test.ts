import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {inLocalRepository, mavenLocalRepository} from '../../../../tools/kafka/kafka-jars.js';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

describe("Maven's local repository", () => {
	it('is ~/.m2/repository unless MAVEN_OPTS moves it or the home', () => {
		expect(mavenLocalRepository({}, '/home/ann')).toBe('/home/ann/.m2/repository');
		expect(mavenLocalRepository({MAVEN_OPTS: '-Xmx1g -Duser.home=/tmp/h'}, '/home/ann')).toBe(
			'/tmp/h/.m2/repository',
		);
		expect(mavenLocalRepository({MAVEN_OPTS: '-Dmaven.repo.local=/cache/m2 -Duser.home=/tmp/h'}, '/x')).toBe(
			'/cache/m2',
		);
	});

	it('holds the Kafka jars only when the broker jar of that version is there', () => {
		const repository = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-m2-'));
		made.push(repository);
		expect(inLocalRepository('4.4.0', repository)).toBe(false);
		const dir = path.join(repository, 'org', 'apache', 'kafka', 'kafka_2.13', '4.4.0');
		fs.mkdirSync(dir, {recursive: true});
		fs.writeFileSync(path.join(dir, 'kafka_2.13-4.4.0.jar'), '');
		expect(inLocalRepository('4.4.0', repository)).toBe(true);
		expect(inLocalRepository('4.3.0', repository)).toBe(false);
	});
});
