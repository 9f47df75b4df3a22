/** The laptop's own page (loopback): the only one that may ask where phones join. */
export function isOwnComputersPage(): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(window.location.hostname);
}
