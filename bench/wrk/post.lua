-- POSTs a real form submission; __SEQ__ in the body becomes a unique value per request,
-- so duplicate detection does not (rightly) set the load test's messages aside, and
-- __TOKEN__ a form token of its own (each is good for one submission, as a visitor's is).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_BODY")
-- Lua's random numbers repeat from run to run: the run's own id (from bench/run.py)
-- keeps one run's bodies from duplicating another's against the same database.
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local sequence = 0
local tokens = {}
-- The run's tokens start here in the file: earlier runs of the bench spent those before.
local token_offset = tonumber(os.getenv("BENCH_TOKEN_OFFSET") or "0")
local tokens_file = os.getenv("BENCH_TOKENS")
if tokens_file then
  for line in io.lines(tokens_file) do
    tokens[#tokens + 1] = line
  end
end

function request()
  sequence = sequence + 1
  local unique = run .. "x" .. tostring(sequence)
  local token = tokens[((token_offset + sequence - 1) % math.max(#tokens, 1)) + 1] or ""
  -- Tokens are letters, digits, "-", "_", "." and ":": nothing to escape in a form body.
  local filled = body:gsub("__SEQ__", unique):gsub("__TOKEN__", function() return token end)
  return wrk.format(nil, nil, nil, filled)
end
