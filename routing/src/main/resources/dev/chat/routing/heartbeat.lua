-- One beat of a gateway instance.
-- KEYS[1]: its heartbeat key; KEYS[2]: its address key.
-- ARGV[1]: its address; ARGV[2]: the heartbeat TTL in ms; ARGV[3]: the address TTL in ms.
-- Returns 1 when the heartbeat key still existed (the beat was on time).
local existed = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
return existed
