/**
 * Node flags the language server runs with, shared by every launcher (the VS Code client, the
 * benchmarks). A 2 MB young generation keeps the server within its memory budget, 80 MB RSS:
 * with 1,000 open documents it holds ~71 MB (87 MB with V8's default 16 MB semi-space), and at
 * the end of the load test's edit storm ~73 MB (74-80 MB with 4 MB). The cost is more frequent
 * scavenges: the 300 KB template's diagnostics p95 rises from ~23 to ~30 ms (budget 30; median
 * ~21 ms either way). V8 reads the flag only at start-up, so the server cannot set it itself.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
