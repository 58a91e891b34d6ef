-- POSTs a real form submission; __SEQ__ in the body becomes a unique value per request,
-- so duplicate detection does not (rightly) set the load test's messages aside.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_BODY")
-- Lua's random numbers repeat from run to run: the run's own id (from bench/run.py)
-- keeps one run's bodies from duplicating another's against the same database.
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local sequence = 0

function request()
  sequence = sequence + 1
  local unique = run .. "x" .. tostring(sequence)
  return wrk.format(nil, nil, nil, (body:gsub("__SEQ__", unique)))
end
