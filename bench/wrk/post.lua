-- POSTs a real form submission; __SEQ__ in the body becomes a unique value per request,
-- so duplicate detection does not (rightly) set the load test's messages aside.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_BODY")
-- wrk's random numbers repeat from run to run: the run's own id keeps bodies unique
-- across runs too (the second server would otherwise get the first one's duplicates).
local run = os.getenv("BENCH_RUN") or ""
local sequence = 0

function request()
  sequence = sequence + 1
  local unique = run .. "-" .. tostring(sequence) .. "-" .. tostring(math.random(1, 1000000000))
  return wrk.format(nil, nil, nil, (body:gsub("__SEQ__", unique)))
end
