import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './IconButton';

interface FindBarProps {
  value: string;
  onChange: (value: string) => void;
  current: number;
  total: number;
  onNext: () => void;
  onPrevious: () => void;
  onClose: () => void;
  /** Bumped each time Ctrl/Cmd+F is pressed, so a second press re-focuses the field. */
  focusToken: number;
}

/** Find-in-document bar (Ctrl/Cmd+F): Enter = next, Shift+Enter = previous, Esc closes. */
export function FindBar(props: FindBarProps) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [props.focusToken]);
  const status =
    props.value.trim() === ''
      ? ''
      : props.total === 0
        ? t('find.none')
        : t('find.counter', { current: props.current > 0 ? props.current : '–', total: props.total });
  return (
    <div className="find-bar" role="search" aria-label={t('find.label')}>
      <input
        ref={inputRef}
        type="search"
        className="find-input"
        aria-label={t('find.label')}
        placeholder={t('find.placeholder')}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) props.onPrevious();
            else props.onNext();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            props.onClose();
          }
        }}
      />
      <span className="find-status" aria-live="polite" data-testid="find-status">
        {status}
      </span>
      <IconButton label={t('find.previous')} disabled={props.total === 0} onClick={props.onPrevious}>
        ↑
      </IconButton>
      <IconButton label={t('find.next')} disabled={props.total === 0} onClick={props.onNext}>
        ↓
      </IconButton>
      <IconButton label={t('find.close')} onClick={props.onClose}>
        ×
      </IconButton>
    </div>
  );
}
