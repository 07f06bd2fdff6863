-- One kind of request for wrk, and its report line. Arguments after "--":
--   <name> <METHOD> <paths file: one path a line, used in turn> [<body file>]
-- The API key comes from $BENCH_KEY. done() prints one line:
--   kind=<name> requests=N rps=R p50_us=.. p99_us=.. p999_us=.. statuses=200:N,429:M errors=connect:..,read:..,write:..,timeout:..
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function lines(file)
  local found = {}
  for line in io.lines(file) do
    if line ~= "" then table.insert(found, line) end
  end
  return found
end

function init(args)
  name = args[1]
  local method = args[2]
  local paths = lines(args[3])
  local body = nil
  local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"), ["Accept"] = "application/json" }
  if args[4] then
    local f = assert(io.open(args[4], "rb"))
    body = f:read("*a")
    f:close()
    headers["Content-Type"] = "application/json"
  end
  requests = {}
  for i, path in ipairs(paths) do
    requests[i] = wrk.format(method, path, headers, body)
  end
  next_request = 0
  counts = {}
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      all[status] = (all[status] or 0) + count
    end
  end
  local statuses = {}
  for status, count in pairs(all) do table.insert(statuses, status .. ":" .. count) end
  table.sort(statuses)
  local e = summary.errors
  io.write(string.format(
    "kind=%s requests=%d rps=%.1f p50_us=%d p99_us=%d p999_us=%d statuses=%s errors=connect:%d,read:%d,write:%d,timeout:%d\n",
    threads[1]:get("name"), summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    table.concat(statuses, ","), e.connect, e.read, e.write, e.timeout))
end
