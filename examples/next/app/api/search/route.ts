// GET /api/search?q=…&tag=…: nextUrl.searchParams, userAgent() and NextResponse.json.
import { NextResponse, userAgent, type NextRequest } from 'next/server'

export const runtime = 'edge'

export function GET(request: NextRequest) {
  const { searchParams } = request.nextUrl
  const { browser, isBot } = userAgent(request)
  return NextResponse.json({
    q: searchParams.get('q'),
    tags: searchParams.getAll('tag'),
    browser: browser.name ?? null,
    isBot,
  })
}
