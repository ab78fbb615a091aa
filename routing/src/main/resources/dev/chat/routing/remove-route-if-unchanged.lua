-- Removes a stale route only while it still names the gateway found gone, so that a device that
-- reconnected elsewhere meanwhile keeps its new route.
-- KEYS[1]: the user's route hash. ARGV[1]: the device; ARGV[2]: the gateway instance found gone.
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
