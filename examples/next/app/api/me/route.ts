// GET /api/me: the current request's cookies and headers through next/headers.
import { cookies, headers } from 'next/headers'

export const runtime = 'edge'

export async function GET() {
  const cookieStore = await cookies()
  const headerList = await headers()
  const user = cookieStore.get('user')?.value ?? null
  cookieStore.set('last-seen', new Date(0).toISOString(), { path: '/' })
  return Response.json({ user, agent: headerList.get('user-agent') })
}
