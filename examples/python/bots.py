"""Profile and behaviour features of invented tweets (Twitter API v1.1 shape) as numpy arrays and
a pandas DataFrame, then the dormant_2019 rule preset."""

import pathlib

from disinfo import bots

data = pathlib.Path(__file__).resolve().parents[1] / "data/bots"

f = bots.features(data / "tweets.jsonl", "twitter-v1")
print(f"{len(f)} accounts x {len(f.columns)} features; values {f.values.dtype}{f.values.shape}, {int(f.mask.sum())} missing cells")
for handle, age, rate, share in zip(f.handles, f.column("age_h"), f.column("posts_per_hour"), f.column("repost_share")):
    print(f"  {handle:<16} age {age:>8.0f} h  {rate:6.3f} posts/h  repost share {share:.2f}")

try:
    df = f.to_pandas()
    print(df[["handle", "followers_following_ratio", "handle_likelihood"]].to_string(index=False))
except ImportError:
    print("(pandas not installed: skipping to_pandas())")

r = bots.rule("dormant_2019", data / "tweets.jsonl", "twitter-v1")
print(f"dormant_2019: {r['passed']} of {len(r['outcomes'])} accounts pass")
