// A JSON edge route in TypeScript: reads the URL and a header, answers Response.json.
import { describeRequest } from '../../../lib/format';

export const runtime = 'edge';

export async function GET(request: Request): Promise<Response> {
  return Response.json({
    now: new Date().toISOString(),
    timezone: request.headers.get('x-timezone') ?? 'UTC',
    request: describeRequest(request),
    runtime: process.env.VERGE_RUNTIME,
  });
}
