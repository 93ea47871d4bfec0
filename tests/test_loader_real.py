"""The loader on the real open data beside the checkout (skipped, with the reason, when absent)."""

from __future__ import annotations

import duckdb


def one(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()


def test_every_lancashire_record_is_counted(real_db):
    read, kept, rejected = one(real_db, "SELECT sum(rows_read), sum(rows_kept), sum(rows_rejected) FROM provenance "
                                        "WHERE file = 'policeuk/lancashire_street.csv.gz'")
    assert (read, kept, rejected) == (869_213, 869_213, 0)
    assert one(real_db, "SELECT sum(n) FROM policeuk_monthly WHERE area_level = 'force'") == (869_213,)
    assert one(real_db, "SELECT sum(n) FROM policeuk_monthly WHERE area_level = 'force' "
                        "AND category = 'Anti-social behaviour'") == (276_628,)


def test_national_january_2025_not_counted_twice(real_db):
    assert one(real_db, "SELECT records, source_file FROM policeuk_month WHERE month = DATE '2025-01-01'") == (
        13_630, "policeuk/lancashire_street.csv.gz")
    assert one(real_db, "SELECT rows_kept FROM provenance WHERE file LIKE '%national_street_2025-01%'") == (0,)


def test_published_months_and_gaps(real_db):
    assert one(real_db, "SELECT count(*) FILTER (WHERE status = 'present'), count(*) FILTER (WHERE status = 'missing')"
                        " FROM coverage WHERE source = 'policeuk'") == (52, 34)


def test_unplaced_records_are_counted(real_db):
    no_loc, outside = one(real_db, "SELECT sum(n) FILTER (WHERE reason = 'no location'), "
                                   "sum(n) FILTER (WHERE reason = 'outside the force area') FROM policeuk_unplaced")
    assert no_loc == 46_636 and outside > 0
    placed = one(real_db, "SELECT sum(n) FROM policeuk_monthly WHERE area_level = 'district'")[0]
    assert placed + no_loc + outside == 869_213


def test_reference_tables(real_db):
    assert one(real_db, "SELECT count(*) FROM area WHERE area_level = 'district'") == (14,)
    assert one(real_db, "SELECT population FROM population WHERE area_level = 'force'") == (1_531_127,)
    assert one(real_db, "SELECT sum(collisions) FROM stats19_monthly WHERE area_level = 'force'") == (2_762,)
    assert one(real_db, "SELECT sum(collisions) FROM stats19_monthly WHERE area_level = 'force' "
                        "AND severity IN ('Fatal', 'Serious')") == (906,)
    assert one(real_db, "SELECT count(DISTINCT source_file) FROM official_figure") == (11,)
    assert one(real_db, "SELECT count(*) FROM national_coverage") == (913,)


def test_embedded_default_matches_a_fresh_load(real_db, default_db):
    """The shipped default is what the loader produces from the raw data today (regenerate if not)."""
    tables = ["policeuk_monthly", "policeuk_lsoa_monthly", "policeuk_outcomes", "stats19_monthly", "population",
              "official_figure", "national_monthly", "postcode", "homeoffice_recorded", "area", "ward_outline",
              "policeuk_ward_unplaced", "policeuk_point",
              # the national geography any force is loaded from offline
              "nat_district", "nat_outline", "nat_lsoa", "nat_population", "nat_pfa"]
    with duckdb.connect(str(real_db), read_only=True) as con:
        con.execute(f"ATTACH '{default_db}' AS d (READ_ONLY)")
        for t in tables:
            diff = con.execute(f"SELECT count(*) FROM ((FROM {t} EXCEPT ALL FROM d.{t}) UNION ALL "
                               f"(FROM d.{t} EXCEPT ALL FROM {t}))").fetchone()[0]
            assert diff == 0, f"embedded default table {t} differs from a fresh load: regenerate data/default"


def test_homeoffice_recorded_crime(real_db):
    assert one(real_db, "SELECT sum(n) FROM homeoffice_recorded WHERE force_name = 'Lancashire'") == (127_028,)
    assert one(real_db, "SELECT sum(n) FROM homeoffice_recorded WHERE force_name = 'Lancashire' "
                        "AND offence_group = 'Sexual offences'") == (4_176,)
