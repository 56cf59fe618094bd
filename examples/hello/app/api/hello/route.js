// One edge route in plain JavaScript: `verge dev examples/hello`, then
// curl http://127.0.0.1:3000/api/hello?name=Verge
export const runtime = 'edge';

export function GET(request) {
  const name = new URL(request.url).searchParams.get('name') ?? 'world';
  return new Response(`Hello, ${name}! (from the edge runtime)\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
