// Server-sent events from the edge runtime: one event every 200 ms, streamed as produced.
// The stream stops (cancel runs) when the client disconnects.
export const runtime = 'edge';

export function GET(request: Request): Response {
  const encoder = new TextEncoder();
  const count = Number(new URL(request.url).searchParams.get('count') ?? '5');
  let timer: ReturnType<typeof setInterval> | undefined;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        sent += 1;
        controller.enqueue(encoder.encode(`id: ${sent}\ndata: ${JSON.stringify({ tick: sent, at: Date.now() })}\n\n`));
        if (sent >= count) {
          clearInterval(timer);
          controller.close();
        }
      }, 200);
    },
    cancel() {
      clearInterval(timer);
      console.log(`client left after ${sent} events`);
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  });
}
