import net from 'node:net';

/**
 * Where free ports are looked for: below Linux's ephemeral range (32768-60999), whose ports
 * the kernel hands to every outgoing connection. A port the kernel picked for us there could be
 * taken by any client (kcat, Maven, a kafkajs consumer) in the seconds before a broker's JVM
 * binds it; a 3-node start once waited 120 s for a node that never came up. Below the range,
 * only another listener can take it, and the check sees listeners.
 */
const LOW_PORTS = {from: 20_000, to: 32_700};
/** Random tries in that range before falling back to a port the kernel picks. */
const LOW_PORT_TRIES = 50;

/** A TCP port on 127.0.0.1 that nothing listens on right now, outside the ephemeral range. */
export async function freePort(): Promise<number> {
	for (let attempt = 0; attempt < LOW_PORT_TRIES; attempt++) {
		const port = LOW_PORTS.from + Math.floor(Math.random() * (LOW_PORTS.to - LOW_PORTS.from));
		if (await isPortFree(port)) return port;
	}
	return kernelFreePort();
}

/** A port the kernel picks (in its ephemeral range): the fallback. */
function kernelFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => {
				if (address && typeof address === 'object') resolve(address.port);
				else reject(new Error('could not read the port of a probe socket'));
			});
		});
	});
}

/** `count` distinct free ports (a port is never handed out twice within one call). */
export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

/** True when `port` on `host` can be bound now, i.e. no other process is listening on it. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen({port, host, exclusive: true}, () => {
			server.close(() => resolve(true));
		});
	});
}
