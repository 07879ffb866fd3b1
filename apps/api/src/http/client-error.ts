import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Request lines and headers up to 64 KB (Node's default is 16 KB): a long but honest URL reaches the app. */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Requests Node's HTTP parser refuses before the app sees them (an over-long URL or header, raw
 * non-ASCII bytes in the URL, a malformed request line) get the product's JSON error body instead of
 * Node's bare status line.
 */
export function answerMalformedRequestsWithJson(server: Server): void {
  // read by Node for each new connection's parser (the createServer option of the same name)
  (server as Server & { maxHeaderSize: number }).maxHeaderSize = MAX_HEADER_BYTES;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'REQUEST_HEADERS_TOO_LARGE', `网址或请求头过长（最多 ${MAX_HEADER_BYTES / 1024} KB）`]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_HEADER_TIMEOUT'
          ? [408, 'REQUEST_TIMEOUT', '请求超时']
          : [400, 'MALFORMED_REQUEST', '请求格式有误：网址中的中文等字符须经 URL 编码（如 curl 的 --data-urlencode）'];
    const body = JSON.stringify({ statusCode: status, code, message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
