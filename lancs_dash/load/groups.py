"""Groups of police force areas to compare a force with, and the Census 2021 profile of every force area.

comparison_group: the groups as published, one row per member. A most similar group file is named for the
force whose group it is (official/most_similar_group_<force>.csv, the Home Office group as a Commissioner's
scrutiny pack lists it); its region rows serve every force of the region.

force_profile: a few Census 2021 indicators of each police force area, from the local authority profile
(2021 local authorities). A 2021 authority is placed in the police force area holding most of its 2021 LSOAs
by the 2024 lookups (LSOA21 -> LAD24 -> PFA24): the 2023 mergers (Cumbria, North Yorkshire, Somerset) stay
inside one force, and one LSOA of West Northamptonshire that moved to Cherwell in 2024 leaves its authority
in Northamptonshire. Each indicator is the mean of the authorities' values weighted by their residents,
computed in whole numbers (values have one decimal), so a rebuild gives identical figures.
"""

from __future__ import annotations

import re
from pathlib import Path

from lancs_dash.load.context import LoadContext, LoadError
from lancs_dash.load.forces import name_key

NAME = "groups"
TABLES = ("comparison_group", "force_profile")
GROUP_FILES = "official/most_similar_group_*.csv"
PROFILE = "official/census2021_lad_profile_ew.csv"
LSOA11_LSOA21 = "lookups/lsoa11_lsoa21_lad22_ew.csv.gz"
LSOA21_LAD24 = "lookups/lsoa21_ward24_lad24_ew.csv.gz"
LAD24_PFA = "lookups/lad24_csp24_pfa24_ew.csv"
MOST_SIMILAR = "most_similar_group"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LAD_CODE = r"[EW]0[6-9]\d{6}"
PFA_CODE = r"(E23|W15)\d{6}"
# Profile column -> (indicator id, title). Every one is a share or density of residents, so weighting each
# authority by its residents gives the force area's figure (one-person households: weighted by residents,
# not households, which the profile does not give).
INDICATORS = {
    "density_fp_value": ("density", "Population density (the profile's density_fp_value)"),
    "age_15-24_perc": ("aged_15_24_pct", "Residents aged 15 to 24 (%)"),
    "born_outside_UK_perc": ("born_outside_uk_pct", "Residents born outside the UK (%)"),
    "household_1-person_perc": ("one_person_households_pct", "One-person households (%)"),
}
METHOD = "Census 2021 local authority profile, mean of the force area's authorities weighted by residents"


def present(root: Path) -> bool:
    return (root / PROFILE).exists() or any(root.glob(GROUP_FILES))


def load(ctx: LoadContext) -> None:
    for name in (PROFILE, LSOA11_LSOA21, LSOA21_LAD24, LAD24_PFA):
        if not (ctx.root / name).exists():
            raise LoadError(f"{name}: missing; expected it beside {PROFILE} (force area profiles need it)")
    files = sorted(ctx.root.glob(GROUP_FILES))
    if not files:
        raise LoadError(f"{GROUP_FILES}: no file found; expected at least one most similar group")
    for path in files:
        _load_group_file(ctx, path)
    _load_profile(ctx)


def _load_group_file(ctx: LoadContext, path: Path) -> None:
    con, label = ctx.con, ctx.rel(path)
    rows = ctx.stage_csv("raw_group", path, ["group", "force_name", "pfa_code", "as_used_in", "source_url"])
    ctx.fail_on("raw_group", f"NOT regexp_full_match(coalesce(pfa_code, ''), '{PFA_CODE}')", label,
                "expected an ONS police force area code (E23… or W15…)", "pfa_code")
    ctx.fail_on("raw_group", f"\"group\" IS DISTINCT FROM '{MOST_SIMILAR}' AND NOT coalesce(\"group\", '') LIKE '%_region'",
                label, f"expected group '{MOST_SIMILAR}' or a region ('<name>_region')", '"group"')
    ctx.fail_on("raw_group", "coalesce(source_url, '') NOT LIKE 'http%'", label, "expected a source URL", "source_url")
    tables = con.execute(f"SELECT DISTINCT as_used_in FROM raw_group WHERE \"group\" = '{MOST_SIMILAR}'").fetchall()
    if len(tables) != 1:
        raise LoadError(f"{label}: expected one published table ('as_used_in') for the {MOST_SIMILAR} rows, "
                        f"found {len(tables)}")
    listed_in = tables[0][0]
    dated = re.search(rf"\b\d{{1,2}} ({MONTHS}) (\d{{4}})\b", listed_in or "")
    if not dated:
        raise LoadError(f"{label}: expected the {MOST_SIMILAR} rows' as_used_in to give the date the group was "
                        f"listed (e.g. '23 June 2015'), got {listed_in!r}")
    as_of = f"{dated.group(1)} {dated.group(2)}"
    owner_key = path.name.removeprefix("most_similar_group_").removesuffix(".csv")
    owners = [code for code, name in con.execute(
        f"SELECT pfa_code, force_name FROM raw_group WHERE \"group\" = '{MOST_SIMILAR}'").fetchall()
        if name_key(name) == name_key(owner_key)]
    if len(owners) != 1:
        raise LoadError(f"{label}: expected the force the file is named for ({owner_key}) once among its "
                        f"{MOST_SIMILAR} rows")
    # A region listed in two files is one group: its rows are kept once.
    for group, pfa_code, force_name, source_url in con.execute(
            'SELECT "group", pfa_code, force_name, source_url FROM raw_group ORDER BY line').fetchall():
        listed = group == MOST_SIMILAR
        name = (f"Home Office most similar group (as listed {as_of})" if listed
                else group.removesuffix("_region").replace("_", " ").title() + " region")
        con.execute("INSERT OR IGNORE INTO comparison_group VALUES ($k, $g, $o, $c, $f, $a, $l, $u)",
                    {"k": "most_similar" if listed else "region", "g": name, "o": owners[0] if listed else None,
                     "c": pfa_code, "f": force_name, "a": as_of, "l": listed_in, "u": source_url})
    ctx.record(NAME, path, rows, rows, (as_of, as_of), note=f"comparison groups as listed in: {listed_in}")


def _load_profile(ctx: LoadContext) -> None:
    con, root = ctx.con, ctx.root
    path = root / PROFILE
    label = ctx.rel(path)
    columns = ["code", "name", "population_total", *INDICATORS]
    rows = ctx.stage_csv("raw_profile", path, columns)
    con.execute(f"DELETE FROM raw_profile WHERE NOT regexp_full_match(code, '{LAD_CODE}')")  # England, Wales rows
    ctx.fail_on("raw_profile", "coalesce(TRY_CAST(population_total AS BIGINT), 0) <= 0", label,
                "expected population_total to be a whole number of people, more than 0", "population_total")
    for column in INDICATORS:
        ctx.fail_on("raw_profile", f"coalesce(TRY_CAST(\"{column}\" AS DECIMAL(9, 1)), -1) < 0", label,
                    f"expected {column} to be a number, 0 or more", f'"{column}"')
    lsoa = ctx.stage_csv("raw_l11_l21", root / LSOA11_LSOA21, ["lsoa21_code", "ltla22_code"])
    lsoa24 = ctx.stage_csv("raw_l21_l24", root / LSOA21_LAD24, ["lsoa21_code", "ltla24_code"])
    lads = ctx.stage_csv("raw_l24_pfa", root / LAD24_PFA, ["ltla24_code", "pfa24_code", "pfa24_name"])
    # 2021 authority -> force area holding most of its 2021 LSOAs (ties, of which there are none, by code).
    con.execute(
        """CREATE OR REPLACE TEMP TABLE lad21_pfa AS
           SELECT lad21, arg_max(pfa_code, (n, pfa_code)) AS pfa_code, sum(n) AS lsoas, max(n) AS inside
           FROM (SELECT a.ltla22_code AS lad21, p.pfa24_code AS pfa_code, count(DISTINCT a.lsoa21_code) AS n
                 FROM (SELECT DISTINCT lsoa21_code, ltla22_code FROM raw_l11_l21) a
                 JOIN raw_l21_l24 b USING (lsoa21_code)
                 JOIN (SELECT DISTINCT ltla24_code, pfa24_code FROM raw_l24_pfa) p USING (ltla24_code)
                 GROUP BY ALL) GROUP BY lad21""")
    unplaced = con.execute("SELECT min(code), count(*) FROM raw_profile WHERE code NOT IN (SELECT lad21 FROM lad21_pfa)"
                           ).fetchone()
    if unplaced[1]:
        raise LoadError(f"{label}: {unplaced[1]} local authorities (e.g. {unplaced[0]}) are in no police force area "
                        f"by {LSOA11_LSOA21}, {LSOA21_LAD24} and {LAD24_PFA}")
    split = con.execute("SELECT count(*), coalesce(sum(lsoas - inside), 0) FROM lad21_pfa WHERE inside < lsoas").fetchone()
    for column, (indicator, title) in {"population_total": ("residents", "Usual residents"), **INDICATORS}.items():
        # Tenths as whole numbers times residents: an exact sum, the same on every build.
        value = ("sum(population_total::BIGINT)::DOUBLE" if column == "population_total" else
                 f"sum(round(\"{column}\"::DECIMAL(9, 1) * 10)::BIGINT * population_total::BIGINT)::DOUBLE "
                 "/ sum(population_total::BIGINT) / 10")
        con.execute(
            f"""INSERT INTO force_profile
                SELECT l.pfa_code, any_value(n.pfa24_name), $indicator, $title, {value}, count(*), $method
                FROM raw_profile r JOIN lad21_pfa l ON l.lad21 = r.code
                JOIN (SELECT DISTINCT pfa24_code, pfa24_name FROM raw_l24_pfa) n ON n.pfa24_code = l.pfa_code
                GROUP BY l.pfa_code""",
            {"indicator": indicator, "title": title,
             "method": "Census 2021 total of the force area's authorities" if column == "population_total" else METHOD})
    forces = con.execute("SELECT count(DISTINCT pfa_code) FROM force_profile").fetchone()[0]
    ctx.record(NAME, path, rows, con.execute("SELECT count(*) FROM raw_profile").fetchone()[0], ("Census 2021", "Census 2021"),
               note=f"{len(INDICATORS)} indicators of {forces} police force areas, {METHOD.split(', ', 1)[1]}")
    ctx.record(NAME, root / LSOA11_LSOA21, lsoa, lsoa,
               note="2021 LSOA -> 2021 local authority, to place the profile's authorities")
    ctx.record(NAME, root / LSOA21_LAD24, lsoa24, lsoa24, note="2021 LSOA -> 2024 local authority")
    ctx.record(NAME, root / LAD24_PFA, lads, lads,
               note=f"2024 local authority -> police force area; 2021 authorities with LSOAs in another force area "
                    f"since 2024: {split[0]} ({split[1]} LSOAs), each placed where most of its LSOAs lie")
