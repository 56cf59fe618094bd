// GET /dashboard: only reached through the middleware, which adds x-user.
export const runtime = 'edge'

export function GET(request: Request) {
  return new Response(`Welcome back, ${request.headers.get('x-user')}!\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  })
}
