// A route group: the (marketing) folder is left out of the URL, so this is /about.
export const runtime = 'edge';

export function GET(): Response {
  return new Response('<h1>About Verge</h1>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
