-- Prints one JSON line for bench/run.py.
--
-- With BENCH_COUNT_2XX set (the POST runs, whose answers are compared with the rows
-- stored), every answer's status is counted exactly. Defining response() makes wrk hand
-- each body to Lua, a copy that costs the load generator as much as a large answer
-- costs the server (a third of the calendar feed's rate), so the GET runs leave it
-- out and count as failed what wrk counts: 4xx and 5xx answers.
local threads = {}
local count_statuses = os.getenv("BENCH_COUNT_2XX") ~= nil

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  bad = 0
end

if count_statuses then
  function response(status, headers, body)
    if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local ok_total, bad_total = 0, 0
  if count_statuses then
    for _, thread in ipairs(threads) do
      ok_total = ok_total + thread:get("ok")
      bad_total = bad_total + thread:get("bad")
    end
  else
    bad_total = errors.status
    ok_total = summary.requests - bad_total
  end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, "ok": %d, "errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, ok_total, bad_total,
    errors.connect + errors.read + errors.write + errors.timeout))
end
