import http from 'node:http';
import net from 'node:net';

/**
 * HTTP/1.1 written by hand over a socket: duplicate headers, any Host, a chosen local loopback
 * address (127.0.0.2 plays "another device"). Each request closes its connection.
 */
export interface RawHttpRequest {
  port: number;
  method?: string;
  path?: string;
  /** Name/value pairs in order; duplicates are sent as given. Host is NOT added for you. */
  headers?: [string, string][];
  body?: string | Buffer;
  localAddress?: string;
  timeoutMs?: number;
}

export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function rawHttp(request: RawHttpRequest): Promise<RawHttpResponse> {
  const { port, method = 'GET', path = '/', headers = [], body, localAddress, timeoutMs = 5_000 } = request;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => {
      const lines = [`${method} ${path} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)];
      lines.push('Connection: close');
      if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (body !== undefined) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(`connection closed without a response to ${method} ${path}`));
        return;
      }
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: text.slice(split + 4) });
    });
  });
}

export interface NodeHttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request through Node's http client, the path sent as written (fetch would normalise `/../x`),
 * the whole answer read as text.
 */
export function httpRequest(
  base: string,
  request: { method: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer },
): Promise<NodeHttpResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers: request.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
