-- Shared by bench/run's wrk scripts: one JSON line at the end, prefixed WRKJSON.
-- Latencies are in microseconds; errors.status counts answers >= 400.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'WRKJSON {"requests":%d,"duration_us":%d,"rps":%.2f,"p50_us":%.1f,"p99_us":%.1f,' ..
      '"max_us":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max,
      e.connect, e.read, e.write, e.status, e.timeout))
end
