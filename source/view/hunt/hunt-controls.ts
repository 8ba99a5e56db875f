/** What the hunt's keys can do (the app's `useHunt` implements it; `hunt-commands.ts` calls it). */
export type HuntControls = {
	/** Open the hunt prompt (`H`), or say why not. */
	prompt(): void;
	/** Esc: close the context, else cancel a running hunt, else leave the hunt's screen. */
	close(): void;
	/** Move the cursor over the matches (or scroll the context). */
	move(delta: number): void;
	/** `C`: the records around the match under the cursor. */
	openContext(): void;
};
