import {type Dispatch, useCallback, useEffect, useRef} from 'react';
import type {FooterMessage, ViewAction} from '../view/view-state.js';

/** How long a footer message stays. */
const MESSAGE_MS = 4000;

/**
 * `say(text, tone)` shows a footer message; each goes away after `MESSAGE_MS`, unless a newer
 * one replaced it (the dismissal names the message it ends).
 */
export function useFooterMessage(
	message: FooterMessage | undefined,
	dispatch: Dispatch<ViewAction>,
): (text: string, tone?: FooterMessage['tone']) => void {
	const messageId = useRef(0);
	const say = useCallback(
		(text: string, tone: FooterMessage['tone'] = 'info') => {
			messageId.current += 1;
			dispatch({type: 'showMessage', message: {id: messageId.current, text, tone}});
		},
		[dispatch],
	);

	useEffect(() => {
		if (!message) return;
		const id = message.id;
		const timer = setTimeout(() => dispatch({type: 'dismissMessage', id}), MESSAGE_MS);
		return () => clearTimeout(timer);
	}, [message, dispatch]);

	return say;
}
