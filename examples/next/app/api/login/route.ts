// GET /api/login?user=ada&next=/dashboard: sets the session cookie and sends the user on.
import { NextResponse, type NextRequest } from 'next/server'

export const runtime = 'edge'

export function GET(request: NextRequest) {
  const user = request.nextUrl.searchParams.get('user')
  if (!user) {
    return NextResponse.json({ error: 'add ?user=NAME to sign in' }, { status: 400 })
  }
  const next = request.nextUrl.searchParams.get('next') ?? '/dashboard'
  const response = NextResponse.redirect(new URL(next, request.url))
  response.cookies.set('user', user, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 })
  return response
}

export function DELETE() {
  const response = NextResponse.json({ signedOut: true })
  response.cookies.delete('user')
  return response
}
