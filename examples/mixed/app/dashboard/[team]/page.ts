// A dynamic edge page: /dashboard/acme → params.team === "acme".
export default async function TeamPage({ params }: { params: Promise<{ team: string }> }): Promise<string> {
  const { team } = await params;
  const safe = team.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<h1>Team ${safe}</h1>`;
}
