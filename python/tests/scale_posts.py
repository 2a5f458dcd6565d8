"""Synthetic posts for the engine tests and ``./x bench scale``: QUT columns, organic activity,
planted coordinated groups (reposts, links, identical and near-identical texts within seconds of
each other) and hot objects (a post reposted 100,000 times over a week, a link shared 50,000
times), generated with numpy from a seed."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

#: The engine tests' posts (python/tests/test_engines*.py): 200,000 in ``./x test``; ``./x bench
#: scale`` sets ``DISINFO_ENGINE_POSTS`` to 1,000,000.
ENGINE_POSTS = int(os.environ.get("DISINFO_ENGINE_POSTS", "200000"))

T0 = 1_700_000_000
WEEK = 7 * 86_400
VOCABULARY = np.array(
    "vote plan fraud election count ballot truth media people state fake news read share now "
    "before after city north south river energy price school health border law court".split()
)


def posts(n: int = 1_000_000, seed: int = 20_19) -> pd.DataFrame:
    """``n`` posts (``n >= 10_000``) in random order with ``message_id`` ``0..n-1``: the hot
    post is reposted ``min(100_000, n / 2)`` times and the hot link shared ``min(50_000, n / 8)``
    times, the planted groups (one per 2,500 posts) make 29 % of the posts."""
    rng = np.random.default_rng(seed)
    hot_reposts, hot_links = min(100_000, n // 2), min(50_000, n // 8)
    groups, members, bursts = max(1, n // 2500), 12, 60
    planted = groups * bursts  # one post per burst per group member below
    organic = n - hot_reposts - hot_links - planted * members
    if organic < 0:
        raise ValueError(f"n={n} is too small for the planted structure")
    user = np.empty(n, dtype=object)
    time = np.empty(n, dtype=np.int64)
    repost = np.full(n, "", dtype=object)
    urls = np.full(n, "", dtype=object)
    text = np.empty(n, dtype=object)

    # Hot objects: a repost and a link shared by organic accounts all week.
    hot = slice(0, hot_reposts)
    user[hot] = np.char.add("u", rng.integers(0, 200_000, hot_reposts).astype(str))
    time[hot] = T0 + rng.integers(0, WEEK, hot_reposts)
    repost[hot] = "hot-post"
    text[hot] = "RT hot"
    link = slice(hot_reposts, hot_reposts + hot_links)
    user[link] = np.char.add("u", rng.integers(0, 200_000, hot_links).astype(str))
    time[link] = T0 + rng.integers(0, WEEK, hot_links)
    urls[link] = "https://hot.example/story"
    text[link] = _texts(rng, hot_links)

    # Planted groups: each burst, every member acts within 30 s on the group's item of the
    # burst (a repost, a link, a text copied exactly or with one word changed).
    start = hot_reposts + hot_links
    g = np.repeat(np.arange(groups), bursts * members)
    b = np.tile(np.repeat(np.arange(bursts), members), groups)
    m = np.tile(np.arange(members), groups * bursts)
    rows = slice(start, start + planted * members)
    user[rows] = np.char.add(np.char.add(np.char.add("g", g.astype(str)), "-"), m.astype(str))
    burst_time = T0 + rng.integers(0, WEEK, groups * bursts)
    time[rows] = np.repeat(burst_time, members) + rng.integers(0, 30, planted * members)
    item = np.char.add(np.char.add(g.astype(str), "-"), b.astype(str))
    mode = (g + b) % 4
    repost[rows] = np.where(mode == 0, np.char.add("item-", item), "")
    both = np.char.add(np.char.add("https://news.example/", item), " https://www.example.org/shared")
    urls[rows] = np.where(mode == 1, both, "")
    base = np.array([" ".join(w) for w in VOCABULARY[rng.integers(0, len(VOCABULARY), (groups * bursts, 9))]])
    copied = np.repeat(base, members).astype(object)
    changed = copied + np.where(m % 3 == 0, " " + VOCABULARY[m % len(VOCABULARY)], "")
    text[rows] = np.where(mode == 2, copied + " " + item, np.where(mode == 3, changed, "RT"))

    # Organic activity: random accounts, random times, some reposts of a long tail of posts,
    # some links to a long tail of stories, varied texts.
    rest = slice(start + planted * members, n)
    user[rest] = np.char.add("u", rng.integers(0, 200_000, organic).astype(str))
    time[rest] = T0 + rng.integers(0, WEEK, organic)
    kind = rng.integers(0, 3, organic)
    repost[rest] = np.where(kind == 0, np.char.add("post-", rng.integers(0, 200_000, organic).astype(str)), "")
    urls[rest] = np.where(kind == 1, np.char.add("https://blog.example/", rng.integers(0, 100_000, organic).astype(str)), "")
    text[rest] = _texts(rng, organic)

    order = rng.permutation(n)
    frame = pd.DataFrame(
        {
            "message_id": np.arange(n).astype(str),
            "user_id": user[order],
            "username": user[order],
            "repost_id": repost[order],
            "reply_id": "",
            "message": text[order],
            "timestamp": time[order],
            "urls": urls[order],
        }
    )
    return frame


def _texts(rng: np.random.Generator, count: int) -> Any:
    words = VOCABULARY[rng.integers(0, len(VOCABULARY), (count, 7))]
    numbers = rng.integers(0, 1_000_000, count).astype(str)
    return np.array([" ".join(w) + " " + x for w, x in zip(words, numbers)], dtype=object)
