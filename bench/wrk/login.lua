-- POST /connexion, rotating over the demo's active accounts (BENCH_ACCOUNTS, one login a
-- line) with the demo password (BENCH_PASSWORD), so that no single address is hammered. The
-- Origin header the browser would send comes from wrk's command line (-H).
dofile(os.getenv("BENCH_WRK") .. "/report.lua")

local password = os.getenv("BENCH_PASSWORD")
local logins = {}
for line in io.lines(os.getenv("BENCH_ACCOUNTS")) do
   if #line > 0 then logins[#logins + 1] = line end
end

local function encode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

math.randomseed(os.time())
local i = math.random(#logins)
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function request()
   i = i % #logins + 1
   local body = "email=" .. encode(logins[i]) .. "&password=" .. encode(password)
   return wrk.format("POST", "/connexion", nil, body)
end
