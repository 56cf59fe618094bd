export const runtime = 'edge';

export async function GET() {
  const response = await fetch(process.env.UPSTREAM + '/content-length?n=100', {
    cache: 'force-cache',
    next: { tags: ['upstream'] },
  });
  return new Response(await response.text());
}
