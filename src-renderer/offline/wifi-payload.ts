/** Characters the `WIFI:` payload reserves, escaped with a backslash (the "Wi-Fi network config" QR format). */
function escapeWifiField(value: string): string {
  return value.replace(/([\\;,:"])/g, '\\$1');
}

/**
 * The text of a QR code that joins a Wi-Fi network: `WIFI:T:WPA;S:<ssid>;P:<password>;;`.
 * An empty password means an open network (`T:nopass`).
 */
export function wifiPayload(ssid: string, password: string): string {
  if (password === '') return `WIFI:T:nopass;S:${escapeWifiField(ssid)};;`;
  return `WIFI:T:WPA;S:${escapeWifiField(ssid)};P:${escapeWifiField(password)};;`;
}
