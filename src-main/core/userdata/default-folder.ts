import os from 'node:os';
import path from 'node:path';

/**
 * Where browser mode and the command line keep the user's notes by default, following each
 * OS's convention for per-user app data. (The Electron app uses its own `userData` path.)
 */
export function defaultUserDataFolder(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'archivo-offline');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'archivo-offline');
  return path.join(process.env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'archivo-offline');
}
