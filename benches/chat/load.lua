-- wrk script for benches/chat/run: sends the pre-signed Slack requests of the file given after
-- `--` (one `timestamp<TAB>signature<TAB>body` per line, written by requests.py) in turn.
local requests = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    local ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", "/slack/commands", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Slack-Request-Timestamp"] = ts,
      ["X-Slack-Signature"] = sig,
    }, body)
  end
  -- Threads start at different places so that they do not send the same request together.
  i = math.random(#requests)
end

function request()
  i = i % #requests + 1
  return requests[i]
end
