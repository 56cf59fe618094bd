// An edge route calling fetch(): it asks this same server's /api/time (or ?url=...)
// and passes the answer on.
export const runtime = 'edge';

export async function GET(request: Request): Promise<Response> {
  const self = new URL(request.url);
  const target = self.searchParams.get('url') ?? new URL('/api/time', self).href;
  const upstream = await fetch(target, { headers: { 'x-timezone': 'Europe/Paris' } });
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream', 'x-proxied-from': target },
  });
}
