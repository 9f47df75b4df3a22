import type http from 'node:http';
import type { OwnerGroup } from '../common/http-routes';
import { ARCHIVE_CLIENT_HEADER } from '../common/ipc';
import { problem, refusal, type HttpProblem } from './http-problem';
import { isLoopbackHost } from './loopback';
import { requestHasOwnerToken } from './owner-token';

/** How refusals name the requests of each owner-only group. */
const NOUN_OF_GROUP: Record<OwnerGroup, string> = { annotations: 'annotation', packs: 'pack' };

/** Shared on a network (or with nothing to offer), an owner group's routes answer this 404. */
const ABSENT_GROUP: Record<OwnerGroup, string> = {
  annotations: 'Annotations are not available here: they are kept only on the computer that runs the archive.',
  packs: 'Archive packs cannot be managed here: only on the computer that runs the archive.',
};

export function ownerGroupAbsent(group: OwnerGroup): HttpProblem {
  return problem('NotFound', ABSENT_GROUP[group]);
}

export interface OwnerSession {
  ownerToken: string;
  /** The listening port: the owner cookie is named after it. */
  port: number;
}

/**
 * Owner-only requests (notes, packs) need this start's token (no other process or account on
 * this computer reads or changes them), `X-Archive-Client: 1` (a cross-site form or fetch cannot
 * send it without a preflight, which gets no CORS answer), a Host naming this loopback server
 * (DNS rebinding) and, when an Origin is sent, this server's own.
 */
export function refuseForeignOwnerRequest(request: http.IncomingMessage, group: OwnerGroup, session: OwnerSession) {
  const what = NOUN_OF_GROUP[group];
  if (!requestHasOwnerToken(request, session.ownerToken, session.port)) {
    throw refusal(
      403,
      `Refused: ${what} requests need this session's token: open the address the server printed at start (with ?token=).`,
    );
  }
  if (request.headers[ARCHIVE_CLIENT_HEADER.toLowerCase()] !== '1') {
    throw refusal(
      403,
      `Refused: ${what} requests must come from the archive's own page (${ARCHIVE_CLIENT_HEADER} header missing).`,
    );
  }
  const hostHeader = request.headers.host ?? '';
  const hostName = hostHeader.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  if (!isLoopbackHost(hostName)) {
    throw refusal(403, `Refused: ${what} requests must be addressed to this computer (Host header).`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${hostHeader}`) {
    throw refusal(403, `Refused: ${what} requests from another site are not allowed.`);
  }
}
