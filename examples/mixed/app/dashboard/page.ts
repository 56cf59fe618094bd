// An edge page: its HTML is wrapped by app/dashboard/layout.ts.
export default function DashboardPage(): string {
  return '<h1>Overview</h1><p>Rendered on the edge runtime.</p>';
}
