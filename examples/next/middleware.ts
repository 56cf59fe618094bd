// Runs before routing for /dashboard/* (Next.js middleware semantics, docs/next-compat.md):
// signed-out visitors are redirected to the login route; signed-in ones go on to the route with
// the user's name in a request header, and every answer gets an x-request-path header.
import { NextResponse, type NextRequest } from 'next/server'

export function middleware(request: NextRequest) {
  const user = request.cookies.get('user')?.value
  if (!user) {
    const login = new URL('/api/login', request.url)
    login.searchParams.set('next', request.nextUrl.pathname)
    return NextResponse.redirect(login)
  }
  const headers = new Headers(request.headers)
  headers.set('x-user', user)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('x-request-path', request.nextUrl.pathname)
  return response
}

export const config = {
  matcher: ['/dashboard/:path*'],
}
