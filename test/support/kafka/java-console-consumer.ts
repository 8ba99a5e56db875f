/**
 * "Another team's consumer": Kafka's own Java console consumer
 * (`org.apache.kafka.tools.consumer.ConsoleConsumer`), run from the broker's jars plus
 * `kafka-tools`, which the broker does not need and so is not in the broker's jar cache. It is
 * fetched once with Maven into `<jar cache>/<version>-tools/`.
 */
import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {findJava, jarCacheDir, jarCacheRoot, kafkaVersion} from '../../../tools/kafka/kafka-jars.js';

/** The classpath of the broker jars and kafka-tools (fetched with Maven the first time). */
export function kafkaToolsClasspath(version = kafkaVersion()): string {
	const toolsDir = path.join(jarCacheRoot(), `${version}-tools`);
	const jar = path.join(toolsDir, `kafka-tools-${version}.jar`);
	if (!fs.existsSync(jar)) {
		// The plugin version the broker's pom pins (3.9+ needs a newer Maven than ours).
		execFileSync(
			'mvn',
			[
				'-B',
				'-q',
				'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
				`-Dartifact=org.apache.kafka:kafka-tools:${version}`,
				`-DoutputDirectory=${toolsDir}`,
			],
			{stdio: 'pipe'},
		);
	}
	return `${path.join(jarCacheDir(version), '*')}${path.delimiter}${path.join(toolsDir, '*')}`;
}

/** A running console consumer. */
export type JavaConsoleConsumer = {
	readonly child: ChildProcess;
	/** What it printed (records) and logged so far. */
	output(): string;
	/** Stops it (SIGTERM: it leaves its group) and waits for the exit. */
	stop(): Promise<void>;
};

/** Starts the console consumer on `topic` in `group`; `properties` are extra consumer properties. */
export function startJavaConsoleConsumer(options: {
	bootstrap: string;
	topic: string;
	group: string;
	properties?: Record<string, string>;
}): JavaConsoleConsumer {
	const args = [
		'-Xmx128m',
		'-XX:TieredStopAtLevel=1',
		'-cp',
		kafkaToolsClasspath(),
		'org.apache.kafka.tools.consumer.ConsoleConsumer',
		'--bootstrap-server',
		options.bootstrap,
		'--topic',
		options.topic,
		'--group',
		options.group,
		...Object.entries(options.properties ?? {}).flatMap(([key, value]) => [
			'--consumer-property',
			`${key}=${value}`,
		]),
	];
	const child = spawn(findJava(), args, {stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
	return {
		child,
		output: () => out,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		},
	};
}
