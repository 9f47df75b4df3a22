import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { offlineChildEnv } from '../../../scripts/offline-child-env.mjs';

/** What a fresh Node prints on stderr when started with `env` (it ran an empty script). */
function stderrOfStart(env: NodeJS.ProcessEnv): string {
  const started = spawnSync(process.execPath, ['-e', ''], { env, encoding: 'utf8' });
  expect(started.status).toBe(0);
  return started.stderr;
}

describe('the environment of the processes npm start, npm test and the bench start', () => {
  it('is the given environment without NODE_EXTRA_CA_CERTS, which is left as it was', () => {
    const given = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/extra.pem', LANG: 'es_MX.UTF-8' };
    expect(offlineChildEnv(given)).toEqual({ PATH: '/usr/bin', LANG: 'es_MX.UTF-8' });
    expect(given.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/extra.pem');
  });

  it('starts Node without reading the certificates that variable names', () => {
    // A file that does not exist: Node reads it before any script runs and says it could not.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/extra-ca.pem' };
    expect(stderrOfStart(env)).toContain('Ignoring extra certs from `/nonexistent/extra-ca.pem`');
    expect(stderrOfStart(offlineChildEnv(env))).toBe('');
  });
});
