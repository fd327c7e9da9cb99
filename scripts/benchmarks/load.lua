-- wrk script for every load scenario, set by environment variables:
--   BENCH_METHOD   GET or POST
--   BENCH_PATH     the path; "{plan}" is replaced by the session's plan id
--   BENCH_SESSIONS a file of "cookie<TAB>plan id" lines, one used per request in turn
--   BENCH_BODY     "plan" (the plan-read server function) or "rating" (a new DIALOG rating,
--                  each under a request key of its own)
--   BENCH_RUN      a tag for this run's request keys, so a second run's keys are new too
-- and prints the figures as one JSON line when done.
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body_kind = os.getenv("BENCH_BODY") or ""
local run = os.getenv("BENCH_RUN") or "0"
local sessions = {}
local sessions_file = os.getenv("BENCH_SESSIONS")
if sessions_file then
  for line in io.lines(sessions_file) do
    local cookie, plan = line:match("^(.-)\t(%d+)$")
    if cookie then sessions[#sessions + 1] = { cookie = cookie, plan = plan } end
  end
end

-- DIALOG's items, as app/src/domain/rating/dialog.rs names them.
local items = { "mental_health", "physical_health", "job", "accommodation", "leisure", "partner_family",
  "friendships", "safety", "medication", "practical_help", "meetings" }

local threads = {}
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

local n = 0
function request()
  n = n + 1
  local headers = {}
  local session = nil
  if #sessions > 0 then
    -- Threads start at different places in the list, so each person gets a share.
    session = sessions[((n + id * 7919) % #sessions) + 1]
    headers["Cookie"] = session.cookie
  end
  local plan = session and session.plan or ""
  local body = nil
  if body_kind == "plan" then
    body = "plan_id=" .. plan
  elseif body_kind == "rating" then
    local parts = { "plan_id=" .. plan, "measure=dialog", string.format("request_key=wrk-%s-%d-%09d-key", run, id, n) }
    for i, item in ipairs(items) do
      parts[#parts + 1] = string.format("answers%%5B%d%%5D%%5Bitem%%5D=%s", i - 1, item)
      parts[#parts + 1] = string.format("answers%%5B%d%%5D%%5Bscore%%5D=4", i - 1)
    end
    body = table.concat(parts, "&")
  end
  if body then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  return wrk.format(method, (path:gsub("{plan}", plan)), headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "per_second": %.0f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
