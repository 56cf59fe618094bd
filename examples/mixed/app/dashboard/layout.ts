// Every segment under /dashboard runs on the edge runtime unless it says otherwise.
export const runtime = 'edge';

export default async function DashboardLayout({ children }: { children: string }): Promise<string> {
  return `<!doctype html><html><head><title>Dashboard</title></head><body><nav>Dashboard</nav><main>${children}</main></body></html>`;
}
