-- wrk script: GET /health, the trivial JSON endpoint of the same server (the ceiling), optionally
-- paced like classify.lua with DELAY_MS.
local pause = tonumber(os.getenv("DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end
