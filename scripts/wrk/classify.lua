-- wrk script: POST /v1/classify with a rotating realistic mix of bodies (the inputs of every rule
-- case, written to a Lua file by org.bounceclassifier.load.CaseMix; its path in BODIES_LUA).
dofile(os.getenv("BODIES_LUA"))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local next_body = 0

function setup(thread)
  -- each thread starts at another place in the mix
  thread:set("offset", math.random(#bodies))
end

function init(args)
  next_body = (offset or 0)
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end
