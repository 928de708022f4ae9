#!/usr/bin/env python3
"""Fills in the Traditional Chinese of every pack text that has none.

Pack authors write `{ zh-CN = "…", en = "…" }`; this adds `zh-TW = "…"`,
converted character by character (zhconv, `zh-hant`: the policy terms stay as
they are, no Taiwan-specific vocabulary). Run it after editing a pack, then read
the result over:  pip install zhconv && python3 policies/fill-zh-tw.py policies/*.toml
A pack without zh-TW still works: the engine falls back to zh-CN.
"""
import re
import sys

import zhconv

PAIR = re.compile(r'zh-CN = "((?:[^"\\]|\\.)*)"(?!, zh-TW)')

for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    filled = PAIR.sub(lambda m: f'zh-CN = "{m.group(1)}", zh-TW = "{zhconv.convert(m.group(1), "zh-hant").replace("爲", "為")}"', text)
    if filled != text:
        open(path, "w", encoding="utf-8").write(filled)
        print(f"{path}: filled")
