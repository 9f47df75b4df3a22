import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { WipeReport } from '../core/userdata/wipe';

export interface MenuWipeDependencies {
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  /** Closes the archive worker, and with it the notes database (and its key). */
  closeNotes(): Promise<void>;
  /** Destroys the archive's own files in the user-data folder. */
  wipe(): WipeReport;
  quit(): void;
}

const LISTED_FILES = 20;

/**
 * File > Destroy my notes…: asks first (Cancel is the default button, Escape cancels), closes the
 * notes, overwrites and deletes them with every backup and pack, says what was removed, quits.
 * For encrypted notes this is also key destruction: the only key lived in the closed worker, and
 * the file that would need it is gone. Returns the report, or null when the user cancelled.
 */
export async function wipeFromMenu(deps: MenuWipeDependencies): Promise<WipeReport | null> {
  const answer = await deps.showMessageBox({
    type: 'warning',
    title: 'Destruir mis notas',
    message: '¿Destruir para siempre tus notas, sus copias de seguridad y los paquetes instalados?',
    detail:
      'Se sobrescriben y se borran; no se pueden recuperar. La aplicación se cerrará después.\n\n' +
      'Destroy your notes, their backups and the installed packs for good? They are overwritten and ' +
      'deleted and cannot be recovered. The app closes afterwards.',
    buttons: ['Cancelar', 'Destruir'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (answer.response !== 1) return null;
  await deps.closeNotes();
  let report: WipeReport;
  try {
    report = deps.wipe();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.showMessageBox({
      type: 'error',
      title: 'Destruir mis notas',
      message: `No se pudo terminar el borrado / The wipe could not finish: ${reason}`,
      buttons: ['Aceptar'],
      noLink: true,
    });
    deps.quit();
    throw error;
  }
  const listed = report.files.slice(0, LISTED_FILES).join('\n');
  const more = report.files.length > LISTED_FILES ? `\n… (+${report.files.length - LISTED_FILES})` : '';
  await deps.showMessageBox({
    type: 'info',
    title: 'Destruir mis notas',
    message:
      report.files.length === 0
        ? 'No había notas que borrar. / There were no notes to remove.'
        : `Se borraron ${report.files.length} ficheros (${report.bytes} bytes, sobrescritos antes de borrarlos). / ` +
          `Removed ${report.files.length} files (${report.bytes} bytes, overwritten first).`,
    detail: `${report.folder}\n${listed}${more}`,
    buttons: ['Aceptar'],
    noLink: true,
  });
  deps.quit();
  return report;
}
