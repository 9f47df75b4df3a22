import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { wifiPayload } from '../../../src-renderer/offline/wifi-payload';
import { joinUrls, terminalQrCode } from '../../../src-main/serve/join-info';

describe('wifiPayload (the QR code that joins the hotspot)', () => {
  it('writes the WPA form', () => {
    expect(wifiPayload('Archivo', 'clave segura')).toBe('WIFI:T:WPA;S:Archivo;P:clave segura;;');
  });
  it('escapes the characters the format reserves', () => {
    expect(wifiPayload('Sala;1', 'a:b,c"d\\e')).toBe('WIFI:T:WPA;S:Sala\\;1;P:a\\:b\\,c\\"d\\\\e;;');
  });
  it('an empty password is an open network', () => {
    expect(wifiPayload('Biblioteca', '')).toBe('WIFI:T:nopass;S:Biblioteca;;');
  });
});

describe('joinUrls (where phones open the archive)', () => {
  it('lists one address per external IPv4 interface when shared, none on loopback', () => {
    vi.spyOn(os, 'networkInterfaces').mockReturnValue({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
      wlan0: [
        { address: '192.168.12.1', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff::', mac: '', cidr: null, scopeid: 3 },
      ],
    });
    expect(joinUrls('0.0.0.0', 8080)).toEqual(['http://192.168.12.1:8080/']);
    expect(joinUrls('127.0.0.1', 8080)).toEqual([]);
    vi.restoreAllMocks();
  });
  it('draws a terminal QR code of the address', async () => {
    const code = await terminalQrCode('http://192.168.12.1:8080/');
    expect(code.split('\n').length).toBeGreaterThan(10);
    expect(code).toContain('▄');
  });
});
