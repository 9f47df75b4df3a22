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
