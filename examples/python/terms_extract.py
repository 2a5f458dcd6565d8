"""Extracts Open Terms Archive's legal notice from a captured snapshot, in both flavours."""

import pathlib

from disinfo import terms

data = pathlib.Path(__file__).resolve().parents[1] / "data/terms/extract"
html = (data / "imprint.html").read_bytes()

ota = terms.extract(html, location="https://opentermsarchive.org/en/legal-notice", select=".textcontent")
print("ota flavour (as OTA records it), first lines:")
print("\n".join(ota.splitlines()[:4]))
canonical = terms.extract(
    html, location="https://opentermsarchive.org/en/legal-notice", select=".textcontent", flavor="canonical"
)
print("canonical flavour, first lines:")
print("\n".join(canonical.splitlines()[:3]))
service = terms.load_declaration(data / "Open Terms Archive.json")
print(f"declaration {service['name']!r}: terms types {sorted(service['terms'])}")
