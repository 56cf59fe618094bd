// Shared code imported by edge routes (bundled by esbuild).
export function describeRequest(request: Request): Record<string, string | null> {
  const url = new URL(request.url);
  return {
    path: url.pathname,
    query: url.search,
    userAgent: request.headers.get('user-agent'),
  };
}
