/**
 * A fixed-capacity FIFO ring: pushing onto a full ring evicts the oldest item.
 *
 * Positions are logical (0 is the oldest item), so callers never see the wrap.
 * The backing array grows by doubling up to `capacity`, so a small stream does
 * not pay for a 50 000-slot buffer up front. Freed slots are set to `undefined`
 * so evicted records can be garbage-collected.
 */
export class RingBuffer<T> {
	readonly capacity: number;
	#items: Array<T | undefined>;
	/** Physical index of the oldest item. */
	#head = 0;
	#length = 0;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`Ring buffer capacity must be a positive integer, got ${capacity}`);
		}

		this.capacity = capacity;
		this.#items = new Array(Math.min(capacity, 16));
	}

	/** Number of items held. */
	get length(): number {
		return this.#length;
	}

	/** Append `item`; returns the evicted oldest item when the ring was full, else undefined. */
	push(item: T): T | undefined {
		if (this.#length === this.#items.length && this.#length < this.capacity) {
			this.#grow();
		}

		const size = this.#items.length;
		if (this.#length < size) {
			this.#items[(this.#head + this.#length) % size] = item;
			this.#length++;
			return undefined;
		}

		// Full at capacity: overwrite the oldest slot and move the head past it.
		const evicted = this.#items[this.#head];
		this.#items[this.#head] = item;
		this.#head = (this.#head + 1) % size;
		return evicted;
	}

	/** Remove and return the oldest item, or undefined when empty. */
	shift(): T | undefined {
		if (this.#length === 0) {
			return undefined;
		}

		const item = this.#items[this.#head];
		this.#items[this.#head] = undefined;
		this.#head = (this.#head + 1) % this.#items.length;
		this.#length--;
		return item;
	}

	/** Item at logical position `index` (0 = oldest), or undefined when out of range. */
	get(index: number): T | undefined {
		if (index < 0 || index >= this.#length) {
			return undefined;
		}

		return this.#items[(this.#head + index) % this.#items.length];
	}

	/** Oldest item, or undefined when empty. */
	first(): T | undefined {
		return this.get(0);
	}

	/** Newest item, or undefined when empty. */
	last(): T | undefined {
		return this.get(this.#length - 1);
	}

	/** Drop every item (and release them for garbage collection). */
	clear(): void {
		this.#items = new Array(Math.min(this.capacity, 16));
		this.#head = 0;
		this.#length = 0;
	}

	#grow(): void {
		const next = new Array<T | undefined>(Math.min(this.capacity, this.#items.length * 2));
		for (let index = 0; index < this.#length; index++) {
			next[index] = this.#items[(this.#head + index) % this.#items.length];
		}

		this.#items = next;
		this.#head = 0;
	}
}
