-- GET /annuaire?q=…: rotating over signed-in people (BENCH_COOKIES, one Cookie value a line,
-- because each person may search 60 times a minute) and over three-letter fragments of
-- common names, as people type them.
dofile(os.getenv("BENCH_WRK") .. "/report.lua")

local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do
   if #line > 0 then cookies[#cookies + 1] = line end
end
local queries = { "mar", "ber", "dub", "lau", "fou", "ler", "mor", "cam", "sop", "nic",
                  "dup", "cla", "val", "ant", "hel", "lef", "ric", "tho", "gar", "vin",
                  "cec", "jul", "leg", "bou", "car", "mic", "del", "ste", "aur", "ben" }
local i = 0

function request()
   i = i + 1
   local headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   headers["Cookie"] = cookies[i % #cookies + 1]
   return wrk.format("GET", "/annuaire?q=" .. queries[i % #queries + 1], headers, nil)
end
