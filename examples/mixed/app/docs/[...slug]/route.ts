// A catch-all edge route: /docs/a/b/c → params.slug === ["a", "b", "c"].
export const runtime = 'edge';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  return Response.json({ slug, depth: slug.length });
}
