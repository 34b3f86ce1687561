-- GET of wrk's path, as many different signed-in people (BENCH_MEMBER_COOKIES, one Cookie
-- value a line), in turn: a page that many members open at once, each with their own session.
dofile(os.getenv("BENCH_WRK") .. "/report.lua")

local cookies = {}
for line in io.lines(os.getenv("BENCH_MEMBER_COOKIES")) do
   if #line > 0 then cookies[#cookies + 1] = line end
end
local i = 0

function request()
   i = i + 1
   local headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   headers["Cookie"] = cookies[i % #cookies + 1]
   return wrk.format(nil, nil, headers, nil)
end
