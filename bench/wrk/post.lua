-- POSTs a real form submission; __SEQ__ in the body becomes a unique value per request,
-- so duplicate detection does not (rightly) set the load test's messages aside.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_BODY")
local sequence = 0

function request()
  sequence = sequence + 1
  local unique = tostring(sequence) .. "-" .. tostring(math.random(1, 1000000000))
  return wrk.format(nil, nil, nil, (body:gsub("__SEQ__", unique)))
end
