import type { MessageBoxOptions } from 'electron';
import type { CorpusInfo } from '../common/types';

/**
 * The About dialog: app version and what archive is loaded. `corpus` is null while the
 * archive is still loading or when it failed; `corpusProblem` then says which.
 */
export function aboutDialog(
  appName: string,
  appVersion: string,
  corpus: CorpusInfo | null,
  corpusProblem: string | null,
): MessageBoxOptions {
  const lines = [`Versión de la aplicación: ${appVersion}`, ''];
  if (corpus) {
    lines.push(
      `Archivo: ${corpus.name}`,
      `Versión del archivo: ${corpus.version}`,
      `Fecha de construcción: ${corpus.buildDate}`,
      `Documentos: ${corpus.documentCount}`,
    );
  } else {
    lines.push(corpusProblem ?? 'El archivo todavía se está cargando.');
  }
  lines.push('', 'Funciona sin conexión: no realiza ninguna petición de red.');
  return {
    type: 'info',
    title: `Acerca de ${appName}`,
    message: appName,
    detail: lines.join('\n'),
    buttons: ['Aceptar'],
    noLink: true,
  };
}
