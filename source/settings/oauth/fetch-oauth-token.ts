import {spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {redactSecrets} from '../connection-settings.js';
import {isBearerToken, type OAuthToken, type OAuthTokenSource, timedToken} from './oauth-token.js';

/**
 * Getting an OAUTHBEARER token: run the token command (through the shell, stdin closed, so
 * it can never read the keys meant for the TUI) or read the token file. Every failure is a
 * `TokenSourceError` with one line that names the setting, never the token and never the
 * command line (which may hold a client secret). Runs in whichever thread makes a Kafka
 * client: the main thread at start, the stream worker when the token is due again.
 */

/** Why no token could be had; the message is one line, safe to print. */
export class TokenSourceError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TokenSourceError';
	}
}

/** Most of the output we read; a token is a few kB at most. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/** Fetch a token now. `refreshSeconds` times tokens without an `exp` claim. */
export async function fetchOAuthToken(source: OAuthTokenSource, refreshSeconds: number): Promise<OAuthToken> {
	const text = source.kind === 'command' ? await runTokenCommand(source) : await readTokenFile(source);
	return timedToken(text, Date.now(), refreshSeconds);
}

async function readTokenFile(source: Extract<OAuthTokenSource, {kind: 'file'}>): Promise<string> {
	let text: string;
	try {
		text = await readFile(source.path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
		throw new TokenSourceError(`Cannot read the token file ${source.path} (${source.origin}): ${why}`);
	}
	return checkedToken(text, `The token file ${source.path} (${source.origin})`, 'holds');
}

function runTokenCommand(source: Extract<OAuthTokenSource, {kind: 'command'}>): Promise<string> {
	const what = `The token command (${source.origin})`;
	return new Promise((resolve, reject) => {
		// Its own process group, so a timeout ends the shell and whatever it started.
		const child = spawn(source.command, {shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		let outBytes = 0;
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid);
		}, source.timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => {
			outBytes += chunk.length;
			if (outBytes <= MAX_OUTPUT_BYTES) out.push(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			if (err.reduce((sum, part) => sum + part.length, 0) < MAX_OUTPUT_BYTES) err.push(chunk);
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(new TokenSourceError(`${what} could not start: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const stdout = Buffer.concat(out).toString('utf8');
			// Whatever it printed stays out of messages: it may be (part of) the token.
			const said = lastLine(Buffer.concat(err).toString('utf8'), stdout);
			if (timedOut)
				return reject(new TokenSourceError(`${what} gave no token in ${source.timeoutMs / 1000} s`));
			if (signal) return reject(new TokenSourceError(`${what} was ended by ${signal}${said}`));
			if (code !== 0) return reject(new TokenSourceError(`${what} failed with exit code ${code}${said}`));
			if (outBytes > MAX_OUTPUT_BYTES) {
				return reject(new TokenSourceError(`${what} printed more than ${MAX_OUTPUT_BYTES / 1024} kB`));
			}
			try {
				resolve(checkedToken(stdout, what, 'printed'));
			} catch (error) {
				reject(error);
			}
		});
	});
}

function killGroup(pid: number | undefined): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}

/** The token in `text` (surrounding white space trimmed), or a `TokenSourceError` saying what is wrong. */
function checkedToken(text: string, what: string, verb: 'printed' | 'holds'): string {
	const token = text.trim();
	if (token.length === 0) {
		throw new TokenSourceError(
			`${what} ${verb === 'printed' ? 'printed nothing' : 'is empty'}: it must give the token on ${verb === 'printed' ? 'stdout' : 'its own'}`,
		);
	}
	if (/\s/.test(token)) {
		throw new TokenSourceError(
			`${what} ${verb} more than the token (white space inside): it must give the token alone`,
		);
	}
	if (!isBearerToken(token)) {
		throw new TokenSourceError(
			`${what} ${verb} something that is not a bearer token (RFC 6750 allows letters, digits and -._~+/=)`,
		);
	}
	return token;
}

/** `: <last line of stderr>` (control characters dropped, the output redacted, short), or ''. */
function lastLine(stderr: string, stdout: string): string {
	const lines = stderr
		.split('\n')
		.map((line) => line.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim())
		.filter((line) => line.length > 0);
	const line = lines.at(-1);
	if (line === undefined) return '';
	// Lines of 8 characters or more: a shorter one is no token, and would blank out common words.
	const printed = stdout.split('\n').map((part) => part.trim());
	const safe = redactSecrets(
		line,
		printed.filter((part) => part.length >= 8),
	);
	return `: ${safe.length > 160 ? `${safe.slice(0, 159)}…` : safe}`;
}
