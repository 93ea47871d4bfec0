"""The force mapping: each police.uk force-file slug matched to its police force area (PFA) code and
name, so national counts can be divided by PFA populations. Built from the names in the data (the
coverage file's slugs, the counts' "Falls within" names and the PFA population names), not typed in.
"""

from __future__ import annotations

import re
from pathlib import Path

from lancs_dash.load import national
from lancs_dash.load.context import LoadContext

NAME = "forces"
TABLES = ("force_map",)
# Words that police.uk adds to a force's name but the PFA name lacks ("Cumbria Constabulary").
_FORCE_WORDS = re.compile(r"\b(police|constabulary|service)\b")


def present(root: Path) -> bool:
    return national.present(root)


def name_key(name: str) -> str:
    """A matching key: 'Devon & Cornwall Police' and 'devon-and-cornwall' -> 'devon-and-cornwall';
    ONS's inverted 'London, City of' -> 'city-of-london'."""
    text = name.lower().replace("&", " and ")
    if "," in text:  # ONS inverts some names: 'London, City of'
        head, _, tail = text.partition(",")
        text = f"{tail} {head}"
    return re.sub(r"[^a-z0-9]+", "-", _FORCE_WORDS.sub(" ", text)).strip("-")


def load(ctx: LoadContext) -> None:
    con = ctx.con
    slugs = con.execute(
        """SELECT c.force_slug, any_value(m.force_name) FROM national_coverage c
           LEFT JOIN national_monthly m USING (force_slug) GROUP BY 1 ORDER BY 1""").fetchall()
    pfas = con.execute("SELECT area_code, area_name FROM population WHERE area_level = 'pfa'").fetchall()
    by_key = {name_key(n): (c, n) for c, n in pfas}
    for slug, force_name in slugs:
        match, method = by_key.get(name_key(slug)), "slug"
        if match is None and force_name:
            match, method = by_key.get(name_key(force_name)), "police.uk name"
        code, pfa_name = match or (None, None)
        con.execute("INSERT INTO force_map VALUES ($s, $f, $c, $p, $m)",
                    {"s": slug, "f": force_name or slug, "c": code, "p": pfa_name,
                     "m": method if match else "no police force area (not a territorial force of England and Wales)"})
    unmatched = con.execute("SELECT count(*) FROM force_map WHERE pfa_code IS NULL").fetchone()[0]
    ctx.progress(f"{NAME}: {len(slugs) - unmatched} force files matched to police force areas, {unmatched} without one")
