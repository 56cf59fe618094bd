// HTTP benchmark (b): reads the URL and a header, answers with Response.json.
export const runtime = 'edge';

export function GET(request) {
  const url = new URL(request.url);
  return Response.json({
    path: url.pathname,
    name: url.searchParams.get('name') ?? 'world',
    agent: request.headers.get('user-agent'),
    ok: true,
  });
}
