-- A fixed request (method, path and headers from wrk's command line).
dofile(os.getenv("BENCH_WRK") .. "/report.lua")
