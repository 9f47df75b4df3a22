import { useState } from 'react';

export interface FindBarState {
  open: boolean;
  text: string;
  setText: (text: string) => void;
  show: () => void;
  close: () => void;
}

/** The reader's find bar: opened by its button, or by the app's Ctrl/Cmd+F (a new request number). */
export function useFindBar(findRequest: number): FindBarState {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [requestSeen, setRequestSeen] = useState(findRequest);
  if (requestSeen !== findRequest) {
    setRequestSeen(findRequest);
    if (findRequest > 0) setOpen(true);
  }
  return {
    open,
    text,
    setText,
    show: () => {
      setOpen(true);
    },
    close: () => {
      setOpen(false);
    },
  };
}
