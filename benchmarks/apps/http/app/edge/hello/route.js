// HTTP benchmark (a): hello world from the edge runtime.
export const runtime = 'edge';

export function GET() {
  return new Response('Hello, world!', {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
