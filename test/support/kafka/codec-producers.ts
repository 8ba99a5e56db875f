import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {findJava, jarCacheDir} from '../../../tools/kafka/kafka-jars.js';

/**
 * Real producers and consumers for the compression tests, each its own process: kcat
 * (librdkafka, the Debian package) and Kafka's own Java clients from the broker's jars,
 * through the two small programs in test/support/kafka/java/ (the jars hold no console producer),
 * compiled with javac once per test file.
 */

const run = promisify(execFile);

/** Feed `input` to a command and collect its stdout; fails on a non-zero exit. */
function pipe(command: string, args: readonly string[], input: string, timeoutMs = 60_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = execFile(
			command,
			args,
			{timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) => {
				if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
				else resolve(stdout);
			},
		);
		child.stdin!.end(input);
	});
}

let classes: Promise<string> | undefined;

/** Compile test/support/kafka/java/*.java against the Kafka jars (once); resolves with the class directory. */
function javaClasses(): Promise<string> {
	classes ??= (async () => {
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'klog-codec-java-'));
		const sources = path.join(import.meta.dirname, 'java');
		const files = fs.readdirSync(sources).filter((name) => name.endsWith('.java'));
		const javac = path.join(path.dirname(findJava()), 'javac');
		await run(fs.existsSync(javac) ? javac : 'javac', [
			'-cp',
			path.join(jarCacheDir(), '*'),
			'-d',
			out,
			...files.map((name) => path.join(sources, name)),
		]);
		return out;
	})();
	return classes;
}

/** Remove the compiled classes (afterAll of a file that used the Java clients). */
export async function removeJavaClasses(): Promise<void> {
	const compiled = classes;
	classes = undefined;
	const directory = await compiled?.catch(() => undefined);
	if (directory) fs.rmSync(directory, {recursive: true, force: true});
}

async function javaClassPath(): Promise<string> {
	return `${await javaClasses()}${path.delimiter}${path.join(jarCacheDir(), '*')}`;
}

/** Send `lines` as records with Kafka's Java producer, `compression.type=codec` (partition -1: its partitioner). */
export async function javaProduce(
	bootstrap: string,
	topic: string,
	codec: string,
	lines: readonly string[],
	partition = -1,
): Promise<void> {
	await pipe(
		findJava(),
		['-cp', await javaClassPath(), 'CodecProducer', bootstrap, topic, codec, String(partition)],
		`${lines.join('\n')}\n`,
	);
}

/** Read `count` values of every partition of `topic` from the beginning with Kafka's Java consumer. */
export async function javaConsume(bootstrap: string, topic: string, count: number): Promise<string[]> {
	const out = await pipe(
		findJava(),
		['-cp', await javaClassPath(), 'CodecConsumer', bootstrap, topic, String(count)],
		'',
	);
	// Only the values: the clients' own log lines (log4j's default, errors only) are not JSON.
	return out.split('\n').filter((line) => line.startsWith('{'));
}

/**
 * Send `lines` as records with kcat (`-z codec`; without a partition librdkafka's partitioner
 * spreads them); `extra` are more kcat flags, e.g. `-K` with a key delimiter.
 */
export async function kcatProduce(
	bootstrap: string,
	topic: string,
	codec: string,
	lines: readonly string[],
	partition?: number,
	extra: readonly string[] = [],
): Promise<void> {
	const args = ['-P', '-b', bootstrap, '-t', topic, '-z', codec, '-X', 'linger.ms=20', ...extra];
	if (partition !== undefined) args.push('-p', String(partition));
	await pipe('kcat', args, `${lines.join('\n')}\n`);
}

/** Every value of `topic` from the beginning to its end, read with kcat (`-C -e`). */
export async function kcatConsume(bootstrap: string, topic: string): Promise<string[]> {
	const out = await pipe('kcat', ['-C', '-b', bootstrap, '-t', topic, '-e', '-q', '-f', '%s\\n'], '');
	return out.split('\n').filter((line) => line.length > 0);
}
