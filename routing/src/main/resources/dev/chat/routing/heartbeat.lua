-- One beat of a gateway instance.
-- KEYS[1]: its heartbeat key; KEYS[2]: its address key.
-- ARGV[1]: its address; ARGV[2]: the heartbeat TTL in ms; ARGV[3]: the address TTL in ms.
-- Returns {1 when the heartbeat key still existed (the beat was on time) or 0, the server's run id
-- or '' when it does not say}. The run id changes when the server restarts or another takes over.
local existed = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
local ok, info = pcall(redis.call, 'INFO', 'server')
local runId = ok and type(info) == 'string' and string.match(info, 'run_id:(%w+)') or ''
return {existed, runId}
