-- Registers devices connected to one gateway instance, each route and its expiry in one step.
-- KEYS: the users' route hashes (routes:{userId}).
-- ARGV[1]: the instance id; ARGV[2]: the route TTL in ms; ARGV[2 + i]: the device of KEYS[i].
-- Returns the (1-based) positions whose route did not name this instance before.
local restored = {}
for i, key in ipairs(KEYS) do
  if redis.call('HGET', key, ARGV[i + 2]) ~= ARGV[1] then
    restored[#restored + 1] = i
  end
  redis.call('HSET', key, ARGV[i + 2], ARGV[1])
  redis.call('PEXPIRE', key, ARGV[2])
end
return restored
