import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { ApiError } from '../../../src-main/common/errors';
import { explainWriteFault } from '../../../src-main/core/userdata/write-faults';
import { describeError } from '../../../src-renderer/lib/errors';
import { describeWriteFault, isWriteFault } from '../../../src-renderer/lib/write-fault';
import { en } from '../../../src-renderer/i18n/en';
import { es } from '../../../src-renderer/i18n/es';

async function translator(language: 'es' | 'en') {
  const instance = createInstance();
  await instance.init({
    lng: language,
    resources: { es: { translation: es }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

/** What the core's explainWriteFault sends for an SQLite error (as it crosses IPC/HTTP: name, message, code). */
function wire(sqliteCode: string, folder: string): { name: string; message: string; code?: string } {
  const error = Object.assign(new Error('simulated'), { code: sqliteCode });
  const explained = explainWriteFault(error, folder);
  if (!explained) throw new Error(`${sqliteCode} was not explained`);
  return explained.toPayload();
}

describe('refused writes worded in the UI language, naming the notes folder', () => {
  // A folder with parentheses and spaces: the sentence must still name all of it.
  const folder = '/home/ana/Mis notas (copia)/archivo-offline';

  it('disk full, in Spanish and English', async () => {
    const payload = wire('SQLITE_FULL', folder);
    expect(payload.code).toBe('disk-full');
    expect(describeWriteFault(payload, await translator('es'))).toBe(
      `Tu cambio no se guardó: el disco que contiene tu carpeta de notas (${folder}) está lleno. Libera espacio y vuelve a intentarlo; las notas guardadas antes están intactas.`,
    );
    expect(describeWriteFault(payload, await translator('en'))).toContain(
      `the disk that holds your notes folder (${folder}) is full`,
    );
  });

  it('read-only, through describeError (what every annotation view shows)', async () => {
    const payload = wire('SQLITE_READONLY', folder);
    expect(payload.code).toBe('read-only');
    expect(isWriteFault(payload)).toBe(true);
    expect(describeError(payload, await translator('es'))).toBe(
      `Tu cambio no se guardó: no se puede escribir en tu carpeta de notas (${folder}) (es de solo lectura). Hazla escribible y vuelve a intentarlo; las notas guardadas antes están intactas.`,
    );
  });

  it('leaves every other error to the generic wording', async () => {
    const notFound = new ApiError('NotFound', 'No annotation has the id "x"').toPayload();
    expect(describeWriteFault(notFound, await translator('es'))).toBeNull();
    expect(isWriteFault(notFound)).toBe(false);
    expect(explainWriteFault(new Error('plain'), folder)).toBeNull();
  });
});
