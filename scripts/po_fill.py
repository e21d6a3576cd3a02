"""Fill msgstr entries of a .po file from a TSV of ``msgid<TAB>translation`` lines.

Usage: python scripts/po_fill.py locale/AREA/zh_Hans/LC_MESSAGES/django.po translations.tsv
Prints the msgids still untranslated. (A developer tool; the app does not import it.)
"""
import re
import sys

T = dict(line.split("\t", 1) for line in open(sys.argv[2], encoding="utf-8").read().strip().split("\n"))
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def rep(m):
    mid = m.group(1)
    if mid in T:
        return f'msgid "{mid}"\nmsgstr "{T[mid].strip()}"'
    return m.group(0)
s = re.sub(r'msgid "((?:[^"\\]|\\.)+)"\nmsgstr ""', rep, s)
s = s.replace('#, fuzzy\n', '', 1)
s = s.replace('"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"')
open(p, "w", encoding="utf-8").write(s)
missing = re.findall(r'msgid "((?:[^"\\]|\\.)+)"\nmsgstr ""\n', s)
print("untranslated:", missing)
