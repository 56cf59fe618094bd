// An edge route in JavaScript.
export const runtime = 'edge';

export function GET() {
  return new Response('Hello from the edge runtime (JavaScript)\n');
}

export async function POST(request) {
  const text = await request.text();
  return Response.json({ received: text.length, echo: text.slice(0, 100) });
}
