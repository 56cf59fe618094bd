// This child overrides its layout's edge runtime: it resolves to 'nodejs', so the Swift
// handler registered for /dashboard/settings (examples/mixed/swift/main.swift) serves it.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
