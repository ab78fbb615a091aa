-- Removes a device's route only while it still names this instance, and records last seen.
-- KEYS[1]: the user's route hash; KEYS[2]: the user's last-seen key.
-- ARGV[1]: the device; ARGV[2]: the instance id; ARGV[3]: now, epoch ms.
-- Returns 1 when the route was removed.
redis.call('SET', KEYS[2], ARGV[3])
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
return 0
