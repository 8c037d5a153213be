import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteSpec } from '../routes.js';

/** API Gateway HTTP APIs accept at most 10 MB; the function's own 256 KB limit applies after. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

export type ApiLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute extends RouteSpec {
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteSpec): CompiledRoute {
  const params: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
      params.push(a ?? b);
      return '([^/]+)';
    });
  return { ...route, pattern: new RegExp(`^${source}$`), params };
}

/** A Lambda context good enough for Powertools and middy when a handler runs in-process. */
export function localContext(functionName: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(
  req: IncomingMessage,
  route: CompiledRoute,
  match: RegExpMatchArray,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const pathParameters = Object.fromEntries(
    route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
  );
  const now = new Date();
  const rawQueryString = url.search.slice(1);
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString,
    headers,
    queryStringParameters: rawQueryString ? Object.fromEntries(url.searchParams) : undefined,
    pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
  };
}

function send(res: ServerResponse, method: string, result: APIGatewayProxyStructuredResultV2): void {
  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  res.end(method === 'HEAD' ? undefined : body);
}

/**
 * Serves the routes the way API Gateway would: matches the route table, builds a payload v2
 * event and invokes the very handler module that runs in Lambda. Unknown routes get API
 * Gateway's own `{"message":"Not Found"}`.
 */
export function createLocalApi(options: {
  routes: readonly RouteSpec[];
  handlerFor: (fn: RouteSpec['fn']) => Promise<ApiLambda>;
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}): Server {
  const routes = options.routes.map(compile);
  return createServer(async (req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    let status = 500;
    try {
      const found = routes
        .map((route) => ({ route, match: route.method === method ? path.match(route.pattern) : null }))
        .find((candidate) => candidate.match);
      if (!found?.match) {
        status = 404;
        return send(res, method, {
          statusCode: 404,
          headers: { 'content-type': 'application/json' },
          body: '{"message":"Not Found"}',
        });
      }
      const body = await readBody(req);
      if (body === 'too_large') {
        status = 413;
        return send(res, method, { statusCode: 413, body: '{"message":"Request Entity Too Large"}' });
      }
      const handler = await options.handlerFor(found.route.fn);
      const result = await handler(
        toEvent(req, found.route, found.match, body),
        localContext(found.route.fn),
      );
      status = result.statusCode ?? 200;
      send(res, method, result);
    } catch (error) {
      status = 500;
      send(res, method, { statusCode: 500, body: '{"message":"Internal Server Error"}' });
      console.error(error);
    } finally {
      options.onRequest?.({ method, path, status, ms: Math.round(performance.now() - started) });
    }
  });
}
