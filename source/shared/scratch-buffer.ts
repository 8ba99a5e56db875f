/**
 * A byte buffer reused from one batch to the next and grown when a batch needs more, so that
 * packing a batch allocates only its exact copy (`copyOut`), not a worst-case buffer each time.
 */
export class ScratchBuffer {
	bytes: Buffer;
	/** Numbers are written through a DataView: Buffer's `writeUInt32LE` checks every call's range. */
	view: DataView;

	constructor(size: number) {
		this.bytes = Buffer.allocUnsafeSlow(size);
		this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
	}

	/** Room for `more` bytes after the first `used`, which are kept; `bytes` and `view` may change. */
	ensureRoom(used: number, more: number): void {
		if (used + more <= this.bytes.length) return;
		const larger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, used + more));
		this.bytes.copy(larger, 0, 0, used);
		this.bytes = larger;
		this.view = new DataView(larger.buffer, larger.byteOffset, larger.length);
	}

	/** The first `length` bytes, copied into an ArrayBuffer of their own (one to transfer). */
	copyOut(length: number): ArrayBuffer {
		const out = new ArrayBuffer(length);
		new Uint8Array(out).set(this.bytes.subarray(0, length));
		return out;
	}
}
