import type {KeyPress} from '../../../source/view/keys/key-types.js';

/** A key press with no special key and no modifier, as the key map and a prompt read it. */
export const NO_KEY: KeyPress & {meta: boolean; delete: boolean} = {
	ctrl: false,
	meta: false,
	delete: false,
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	tab: false,
	backspace: false,
};
