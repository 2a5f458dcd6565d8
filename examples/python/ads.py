"""Audits the bundled Meta example collections and searches them for a keyword."""

from pathlib import Path

from disinfo import ads

root = Path(__file__).resolve().parents[1] / "data" / "ads" / "meta-fr"
dirs = [root / d for d in ("2019-05-20", "2019-05-27", "2019-06-03")]
report = ads.audit(dirs)
for pair in report["pairs"]:
    d = pair["disappeared"]
    print(f"{pair['from']} -> {pair['to']}: {d['total']} disappeared ({d['unexplained']} unexplained, "
          f"{d['reappeared']} reappeared), gross {pair['rates']['gross']:.2%}, net {pair['rates']['net']:.2%}")
print(f"{report['violations']} violation(s)")

found = ads.search("sondage", dirs)
for ad in found["ads"]:
    print(f"'sondage' in ad {ad['ad']['id']}: seen in {ad['matched_in']}, missing from {ad['missing_from']}")
