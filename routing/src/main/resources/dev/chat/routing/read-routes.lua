-- Reads many users' route hashes in one command.
-- KEYS: the route hashes. Returns one flat field/value array per key, in the keys' order.
local hashes = {}
for i, key in ipairs(KEYS) do
  hashes[i] = redis.call('HGETALL', key)
end
return hashes
