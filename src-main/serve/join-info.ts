import os from 'node:os';
import type { JoinInfo } from '../common/join';

/**
 * What a person needs to join the shared archive from a phone: the page address on each
 * network interface of this computer, as text and as a QR code. Printed in the terminal when
 * browser mode starts shared, and answered to the laptop's own page (`GET /api/join`).
 */

/** `http://<address>:<port>/` for every external IPv4 interface when bound to all of them; none on loopback. */
export function joinUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  const urls: string[] = [];
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) urls.push(`http://${entry.address}:${port}/`);
    }
  }
  return urls;
}

export function joinInfo(host: string, port: number): JoinInfo {
  return { urls: joinUrls(host, port) };
}

/** A QR code drawn with block characters (two rows per line), readable by a phone camera off the screen. */
export async function terminalQrCode(text: string): Promise<string> {
  // Loaded here, not at start: only a server shared on a network prints codes.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
}

/** Prints, for each network a phone can join on, a QR code and the address set apart so it reads from afar. */
export async function printJoinInfo(host: string, port: number, log: (line: string) => void): Promise<void> {
  const urls = joinUrls(host, port);
  if (urls.length === 0) return;
  log('');
  log('Join from a phone on the same Wi-Fi: scan a code with its camera, or type the address.');
  log('(The address can change when the network changes.)');
  for (const url of urls) {
    log('');
    log(await terminalQrCode(url));
    log(`    >>>   ${url}   <<<`);
  }
  log('');
}
