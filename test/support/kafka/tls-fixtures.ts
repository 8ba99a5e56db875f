/**
 * Certificates for TLS tests, made fresh in a temporary directory with openssl and keytool:
 * a custom CA, a broker certificate for 127.0.0.1/localhost in a PKCS12 keystore, a PKCS12
 * truststore holding the CA (for brokers that require client certificates), a client
 * certificate signed by the CA, and one signed by a foreign CA the broker does not trust.
 * EC P-256 keys: quick to make, and both Java and Node accept them.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type TlsFixtures = {
	dir: string;
	/** PEM of the custom CA that signed the broker and the good client certificate. */
	caFile: string;
	/** PKCS12 keystore with the broker's key and certificate chain. */
	serverKeystore: string;
	/** PKCS12 truststore (made with keytool) holding the CA, for `ssl.client.auth=required`. */
	serverTruststore: string;
	/** Password of both stores (test-only). */
	storePassword: string;
	/** Client certificate and key (PEM) signed by the CA. */
	clientCertFile: string;
	clientKeyFile: string;
	/** Client certificate and key (PEM) signed by another CA, which the broker rejects. */
	foreignCertFile: string;
	foreignKeyFile: string;
	/** Deletes the directory. */
	cleanup(): void;
};

function run(command: string, args: string[], cwd: string): void {
	execFileSync(command, args, {cwd, stdio: ['ignore', 'ignore', 'pipe']});
}

function makeCa(dir: string, name: string): void {
	run(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			`${name}.key`,
			'-out',
			`${name}.pem`,
			'-days',
			'2',
			'-subj',
			`/CN=${name}`,
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-addext',
			'keyUsage=critical,keyCertSign,cRLSign',
		],
		dir,
	);
}

/** A key and a certificate for `subject`, signed by the CA called `ca`, with extensions from `extensions`. */
function makeSignedCert(dir: string, name: string, ca: string, subject: string, extensions: string): void {
	run(
		'openssl',
		[
			'req',
			'-new',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			`${name}.key`,
			'-out',
			`${name}.csr`,
			'-subj',
			subject,
		],
		dir,
	);
	writeFileSync(path.join(dir, `${name}.ext`), extensions);
	run(
		'openssl',
		[
			'x509',
			'-req',
			'-in',
			`${name}.csr`,
			'-CA',
			`${ca}.pem`,
			'-CAkey',
			`${ca}.key`,
			'-CAcreateserial',
			'-out',
			`${name}.pem`,
			'-days',
			'2',
			'-extfile',
			`${name}.ext`,
		],
		dir,
	);
}

/** Makes every certificate and store in a new temporary directory (about a second). */
export function makeTlsFixtures(): TlsFixtures {
	const dir = mkdtempSync(path.join(tmpdir(), 'klog-tls-'));
	const storePassword = 'test-store-pw';
	try {
		makeCa(dir, 'ca');
		makeCa(dir, 'foreign-ca');
		// The broker advertises 127.0.0.1: Node checks the IP against the subjectAltName.
		makeSignedCert(
			dir,
			'broker',
			'ca',
			'/CN=localhost',
			'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
		);
		makeSignedCert(dir, 'client', 'ca', '/CN=klog-client', 'extendedKeyUsage=clientAuth\n');
		makeSignedCert(dir, 'foreign-client', 'foreign-ca', '/CN=intruder', 'extendedKeyUsage=clientAuth\n');
		run(
			'openssl',
			[
				'pkcs12',
				'-export',
				'-in',
				'broker.pem',
				'-inkey',
				'broker.key',
				'-certfile',
				'ca.pem',
				'-name',
				'broker',
				'-out',
				'broker.p12',
				'-passout',
				`pass:${storePassword}`,
			],
			dir,
		);
		run(
			'keytool',
			[
				'-importcert',
				'-noprompt',
				'-alias',
				'klog-test-ca',
				'-file',
				'ca.pem',
				'-keystore',
				'truststore.p12',
				'-storetype',
				'PKCS12',
				'-storepass',
				storePassword,
			],
			dir,
		);
	} catch (error) {
		rmSync(dir, {recursive: true, force: true});
		const stderr = (error as {stderr?: Buffer}).stderr?.toString().trim();
		throw new Error(`making TLS fixtures failed: ${stderr || (error as Error).message}`);
	}
	return {
		dir,
		caFile: path.join(dir, 'ca.pem'),
		serverKeystore: path.join(dir, 'broker.p12'),
		serverTruststore: path.join(dir, 'truststore.p12'),
		storePassword,
		clientCertFile: path.join(dir, 'client.pem'),
		clientKeyFile: path.join(dir, 'client.key'),
		foreignCertFile: path.join(dir, 'foreign-client.pem'),
		foreignKeyFile: path.join(dir, 'foreign-client.key'),
		cleanup: () => rmSync(dir, {recursive: true, force: true}),
	};
}
