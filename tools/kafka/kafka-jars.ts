import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {KafkaSetupError} from './kafka-setup-error.js';

/** The repository root (this file lives in `<root>/scripts/`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The small Maven project that names the broker jars. */
export const kafkaPom = path.join(repoRoot, 'kafka', 'pom.xml');

/** log4j2 configuration for every broker JVM: logs go to a file, never the terminal. */
export const kafkaLog4jConfig = path.join(repoRoot, 'kafka', 'log4j2.xml');

/** Written last into a jar directory, so a half-finished copy is never taken for a cache. */
const completeMarker = '.complete';

/** The Apache Kafka version the pom pins (`<kafka.version>`): the one source of truth. */
export function kafkaVersion(): string {
	const pom = fs.readFileSync(kafkaPom, 'utf8');
	const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
	if (!match?.[1]) throw new Error(`${kafkaPom} has no <kafka.version> property`);
	return match[1].trim();
}

/**
 * Environment variable naming the directory of the jar cache, instead of `<repo>/.kafka/lib`
 * (e.g. one cache shared by several checkouts, or an empty one to test a first run).
 */
export const jarCacheEnv = 'KLOG_KAFKA_LIB_DIR';

/** The jar cache: `$KLOG_KAFKA_LIB_DIR`, else `.kafka/lib/` in the repository (git-ignored). */
export function jarCacheRoot(): string {
	const fromEnv = process.env[jarCacheEnv]?.trim();
	return fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, '.kafka', 'lib');
}

/** Where the jars of `version` are cached: `<jar cache>/<version>/`. */
export function jarCacheDir(version = kafkaVersion()): string {
	return path.join(jarCacheRoot(), version);
}

/**
 * The `java` to run the broker with (`$JAVA_HOME/bin/java` when set, else `java` on PATH),
 * checked to exist and to be Java 17 or newer, which Kafka 4 brokers need.
 * @throws KafkaSetupError with one line saying what to install.
 */
export function findJava(): string {
	const javaHome = process.env.JAVA_HOME;
	const java = javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
	const probe = spawnSync(java, ['-version'], {encoding: 'utf8'});
	if (probe.error || probe.status !== 0) {
		throw new KafkaSetupError(
			`Java 17 or newer is needed to run the local Kafka broker, but \`${java}\` could not be run ` +
				'(install it, e.g. `apt-get install openjdk-17-jre-headless`, or set JAVA_HOME; or use `docker compose up`).',
		);
	}
	const version = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
	const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : Number.NaN;
	if (Number.isFinite(major) && major < 17) {
		throw new KafkaSetupError(
			`Kafka 4 needs Java 17 or newer, but \`${java}\` is Java ${major} (install Java 17 or set JAVA_HOME to one).`,
		);
	}
	return java;
}

/** Checks that Maven can be run. @throws KafkaSetupError with one line saying what to install. */
function checkMaven(): void {
	const probe = spawnSync('mvn', ['-v'], {encoding: 'utf8'});
	if (probe.error || probe.status !== 0) {
		throw new KafkaSetupError(
			'Maven is needed once to download the Apache Kafka jars, but `mvn` could not be run ' +
				'(install it, e.g. `apt-get install maven`; or use `docker compose up`).',
		);
	}
}

/** The jar files in `dir`, or undefined when `dir` is not a complete cache. */
function completeJarList(dir: string): string[] | undefined {
	if (!fs.existsSync(path.join(dir, completeMarker))) return undefined;
	const jars = fs.readdirSync(dir).filter((name) => name.endsWith('.jar'));
	return jars.some((name) => name.startsWith('kafka_2.13-')) ? jars : undefined;
}

/**
 * Maven's local repository: `-Dmaven.repo.local` or `-Duser.home` in MAVEN_OPTS, else
 * `~/.m2/repository` (a `localRepository` in settings.xml is not read: at worst we announce a
 * download that turns out to be a copy).
 */
export function mavenLocalRepository(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
	const options = env.MAVEN_OPTS ?? '';
	const repository = /-Dmaven\.repo\.local=(\S+)/.exec(options)?.[1];
	if (repository) return repository;
	const userHome = /-Duser\.home=(\S+)/.exec(options)?.[1] ?? home;
	return path.join(userHome, '.m2', 'repository');
}

/** Whether Maven's local repository already holds the Kafka broker jar of `version`. */
export function inLocalRepository(version: string, repository = mavenLocalRepository()): boolean {
	const jar = path.join(
		repository,
		'org',
		'apache',
		'kafka',
		'kafka_2.13',
		version,
		`kafka_2.13-${version}.jar`,
	);
	return fs.existsSync(jar);
}

/** Options for {@link ensureJars}. */
export type EnsureJarsOptions = {
	/** Called once, with a one-line note, when Maven has to download the jars (a while on first use). */
	onDownload?: (message: string) => void;
};

/**
 * Makes sure the Kafka broker jars are in the cache, running Maven (`kafka/pom.xml`) when
 * they are not, and returns the directory that holds them. Safe to call from several
 * processes at once: each copies into its own directory and the first rename wins.
 * Maven's output goes to `maven.log` in the jar cache.
 * @throws KafkaSetupError when Java or Maven is missing or the download fails.
 */
export async function ensureJars(options: EnsureJarsOptions = {}): Promise<string> {
	findJava();
	const version = kafkaVersion();
	const target = jarCacheDir(version);
	if (completeJarList(target)) return target;

	checkMaven();
	// Maven only copies what ~/.m2 already holds: nothing to announce then.
	if (!inLocalRepository(version)) {
		options.onDownload?.(
			`Resolving the Apache Kafka ${version} jars with Maven (about 45 MB, downloaded once)...`,
		);
	}
	const partial = `${target}.partial-${process.pid}`;
	fs.rmSync(partial, {recursive: true, force: true});
	fs.mkdirSync(partial, {recursive: true});
	const logFile = path.join(jarCacheRoot(), 'maven.log');
	const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	const exitCode = await runToLog(
		'mvn',
		['-B', '-f', kafkaPom, 'dependency:copy-dependencies', `-Dklog.lib.dir=${partial}`],
		logFile,
	);
	if (exitCode !== 0) {
		fs.rmSync(partial, {recursive: true, force: true});
		const reason = mavenFailureReason(readFrom(logFile, logStart));
		throw new KafkaSetupError(
			`Maven could not download the Apache Kafka ${version} jars: ${reason}; see ${logFile}.`,
		);
	}
	fs.writeFileSync(path.join(partial, completeMarker), `${new Date().toISOString()}\n`);
	if (completeJarList(target)) {
		// Another process finished first; keep its copy.
		fs.rmSync(partial, {recursive: true, force: true});
		return target;
	}
	fs.rmSync(target, {recursive: true, force: true});
	try {
		fs.renameSync(partial, target);
	} catch (error) {
		if (!completeJarList(target)) throw error;
		fs.rmSync(partial, {recursive: true, force: true});
	}
	return target;
}

/**
 * Why a failed Maven run could not fetch the jars, and what to do, from its log: offline mode,
 * a repository that did not answer, or (when the log does not say) the usual suspect.
 */
function mavenFailureReason(log: string): string {
	if (/in offline mode/.test(log)) {
		return 'Maven is offline (-o, or <offline>true</offline> in its settings.xml) and has not downloaded them before; run once online';
	}
	const repository = /from\/to \S+ \((https?:\/\/[^)\s]+)\)/.exec(log)?.[1];
	if (repository) {
		return `the Maven repository ${repository} could not be reached; check the network, proxy or mirror in Maven's settings.xml`;
	}
	return 'is Maven Central (or the mirror in Maven settings.xml) reachable?';
}

/** The text of `file` from byte `start` on ('' when it cannot be read). */
function readFrom(file: string, start: number): string {
	try {
		return fs.readFileSync(file).subarray(start).toString('utf8');
	} catch {
		return '';
	}
}

/**
 * Runs a command with its stdout and stderr appended to `logFile`; resolves to its exit code.
 * The command (Maven's JVM) is killed if this process exits first, e.g. on Ctrl+C mid-download.
 */
function runToLog(command: string, args: string[], logFile: string): Promise<number> {
	fs.mkdirSync(path.dirname(logFile), {recursive: true});
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {stdio: ['ignore', fd, fd]});
	const killChild = () => child.kill('SIGKILL');
	process.on('exit', killChild);
	return new Promise<number>((resolve) => {
		child.once('error', () => resolve(-1));
		child.once('exit', (code) => resolve(code ?? -1));
	}).finally(() => {
		process.off('exit', killChild);
		fs.closeSync(fd);
	});
}
