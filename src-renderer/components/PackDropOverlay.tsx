import { useEffect, useRef, useState } from 'react';
import { useLatest } from '../lib/use-latest';
import { useTranslation } from 'react-i18next';
import { pickPackFiles } from '../lib/pack-files';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Drag a `.archive` file onto the window: an overlay says it will be checked and added; the
 * dropped file goes to `onDrop` (the pack is verified there, whatever its name). Files dropped
 * anywhere on the window are caught, so the page never navigates to them; where packs cannot
 * be added (`onDrop` null: a shared server) the drop is simply ignored.
 */
export function PackDropOverlay({ onDrop }: { onDrop: ((file: File, signature?: File) => void) | null }) {
  const { t } = useTranslation();
  const [active, setActive] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the pointer left the window.
  const depth = useRef(0);
  const onDropRef = useLatest(onDrop);

  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setActive(onDropRef.current !== null);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = onDropRef.current ? 'copy' : 'none';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setActive(false);
      const picked = event.dataTransfer ? pickPackFiles(event.dataTransfer.files) : null;
      if (picked) onDropRef.current?.(picked.pack, picked.signature);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onDropRef]);

  if (!active) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <p className="drop-overlay-title">{t('library.dropTitle')}</p>
        <p>{t('library.dropHint')}</p>
      </div>
    </div>
  );
}
