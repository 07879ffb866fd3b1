/** The one way the UI talks to the API: bearer token from sessionStorage, errors as ApiError with the API's Chinese message. */

const TOKEN_KEY = 'zq.token';

export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: Record<string, unknown> & { fields?: { field: string; problems: string[] }[]; field?: string };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorBody['details'];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message || fallbackMessage(status));
    this.status = status;
    this.code = body.code || `HTTP_${status}`;
    this.details = body.details;
  }
}

function fallbackMessage(status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status >= 500) return '服务器出错，请稍后重试';
  return '请求失败';
}

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: (() => void) | null = null;
/** Called when the API answers 401 to a signed-in request (the session expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function url(path: string, query?: Query): string {
  const base = `/api/v1${path}`;
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

async function send(method: string, path: string, opts: { body?: unknown; query?: Query; form?: FormData } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), { method, headers, body });
  } catch {
    throw new ApiError(0, {});
  }
  if (!res.ok) {
    let payload: ApiErrorBody = {};
    try {
      payload = await res.json();
    } catch {
      // not JSON (a proxy's error page): the status decides the message
    }
    if (res.status === 401 && token) onUnauthorized?.();
    throw new ApiError(res.status, payload);
  }
  return res;
}

async function json<T>(method: string, path: string, opts: { body?: unknown; query?: Query; form?: FormData } = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => json<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => json<T>('PATCH', path, { body }),
  del: <T>(path: string) => json<T>('DELETE', path),
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file, file.name);
    return json<T>('POST', path, { form });
  },
  /** A file the API serves (a scan to show beside the items), as a Blob. */
  blob: async (path: string) => (await send('GET', path)).blob(),
  /** Downloads a file the API renders (xlsx, docx) under the name it gives. */
  download: async (path: string, query?: Query, fallbackName = 'download') => {
    const res = await send('GET', path, { query });
    const blob = await res.blob();
    saveBlob(blob, fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName);
  },
};

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** A message fit to show a user for anything thrown. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `出现错误：${err.message}`;
  return '出现未知错误，请刷新页面后重试';
}
