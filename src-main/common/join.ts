/** Joining a shared archive from a phone: what the server tells the laptop's own page. */

/** `GET /api/join` (answered to this computer only): where phones on the network can open the archive. */
export interface JoinInfo {
  /** One `http://<address>:<port>/` per network interface; empty when the archive is not shared. */
  urls: string[];
}
