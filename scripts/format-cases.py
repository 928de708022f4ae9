"""Writes a case file in the repository's layout: one case per block, requests
and each scheme's expectations on one line, so a policy expert can read it."""
import json

def inline(v):
    return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))

def fmt(doc):
    out = ["{"]
    head = [k for k in doc if k != "cases"]
    for k in head:
        out.append(f'  "{k}": {inline(doc[k])},')
    out.append('  "cases": [')
    for i, c in enumerate(doc["cases"]):
        out.append("    {")
        keys = list(c)
        for j, k in enumerate(keys):
            comma = "," if j < len(keys) - 1 else ""
            v = c[k]
            if k == "expect" and isinstance(v, dict):
                out.append('      "expect": {')
                ek = list(v)
                for m, e in enumerate(ek):
                    ecomma = "," if m < len(ek) - 1 else ""
                    if e in ("schemes", "members") and isinstance(v[e], (dict, list)) and v[e]:
                        if isinstance(v[e], dict):
                            out.append(f'        "{e}": {{')
                            sk = list(v[e])
                            for n, s in enumerate(sk):
                                scomma = "," if n < len(sk) - 1 else ""
                                out.append(f'          "{s}": {inline(v[e][s])}{scomma}')
                            out.append(f"        }}{ecomma}")
                        else:
                            out.append(f'        "{e}": [')
                            for n, s in enumerate(v[e]):
                                scomma = "," if n < len(v[e]) - 1 else ""
                                out.append(f"          {inline(s)}{scomma}")
                            out.append(f"        ]{ecomma}")
                    else:
                        out.append(f'        "{e}": {inline(v[e])}{ecomma}')
                out.append(f"      }}{comma}")
            else:
                out.append(f'      "{k}": {inline(v)}{comma}')
        out.append("    }" + ("," if i < len(doc["cases"]) - 1 else ""))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"

if __name__ == "__main__":
    import sys
    for p in sys.argv[1:]:
        d = json.load(open(p, encoding="utf-8"))
        open(p, "w", encoding="utf-8").write(fmt(d))
