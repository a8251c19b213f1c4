// A scripted stand-in for a CalDAV server: routes by method + URL, records every request.
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  signal?: AbortSignal | null;
}

export type Route = (request: RecordedRequest) => Response | undefined;

export function xmlResponse(xml: string, status = 207, headers: Record<string, string> = {}): Response {
  return new Response(xml, { status, headers: { 'Content-Type': 'application/xml; charset=utf-8', ...headers } });
}

export function fakeFetch(routes: Route[]): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}) => {
    const request: RecordedRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: String(input instanceof Request ? input.url : input),
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : '',
      signal: init.signal,
    };
    requests.push(request);
    for (const route of routes) {
      const response = route(request);
      if (response) return response;
    }
    return new Response('not found', { status: 404 });
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

export function on(method: string, url: string | RegExp, respond: (r: RecordedRequest) => Response): Route {
  return (request) => {
    const matches = typeof url === 'string' ? request.url === url : url.test(request.url);
    return request.method === method && matches ? respond(request) : undefined;
  };
}
