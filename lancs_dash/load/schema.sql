-- The dashboard's DuckDB schema: the one place every table is described.
-- Months are DATE (first day of the month). Area codes are ONS codes, except divisions, which have
-- no ONS code and use the project codes WEST / SOUTH / EAST. A month absent from a *_month table is
-- a gap in the published data; dense count tables hold zeros only for months that were published.

-- Every area a figure can be given for: the force, its divisions, its districts and their 2025 electoral wards.
CREATE TABLE area (
    area_level  VARCHAR NOT NULL,            -- 'force' | 'division' | 'district' | 'ward'
    area_code   VARCHAR NOT NULL,            -- wards: WD25CD
    area_name   VARCHAR NOT NULL,
    parent_code VARCHAR,                     -- ward -> district, district -> division, division -> force
    PRIMARY KEY (area_level, area_code)
);

-- Small areas (LSOA) that police.uk records carry, both the 2011 and the 2021 code sets.
CREATE TABLE lsoa (
    lsoa_code   VARCHAR NOT NULL,
    vintage     INTEGER NOT NULL,            -- 2011 | 2021
    lsoa_name   VARCHAR NOT NULL,
    district_code VARCHAR NOT NULL,
    lon         DOUBLE,                      -- a point inside the LSOA, for hotspot maps
    lat         DOUBLE,
    PRIMARY KEY (lsoa_code, vintage)
);

-- Simplified district outlines (GeoJSON geometry text), for maps.
CREATE TABLE district_outline (
    area_code   VARCHAR PRIMARY KEY,
    geometry    VARCHAR NOT NULL
);

-- Simplified ward outlines (GeoJSON geometry text), for ward maps (lancs_dash/load/wards.py).
CREATE TABLE ward_outline (
    area_code   VARCHAR PRIMARY KEY,
    geometry    VARCHAR NOT NULL
);

-- Resident populations for rates per 1,000, with their vintage and source. Wards: Census 2011, summed from the
-- 2011 small areas whose centroid falls in the ward; a ward no centroid falls in has no row.
CREATE TABLE population (
    area_level  VARCHAR NOT NULL,            -- 'force' | 'division' | 'district' | 'ward' | 'pfa' | 'lsoa'
    area_code   VARCHAR NOT NULL,
    area_name   VARCHAR NOT NULL,
    population  BIGINT NOT NULL,
    vintage     VARCHAR NOT NULL,            -- e.g. 'Census 2021'
    source      VARCHAR NOT NULL,
    PRIMARY KEY (area_level, area_code)
);

-- police.uk: the months published for the force, and from which file each was counted.
CREATE TABLE policeuk_month (
    month       DATE PRIMARY KEY,
    records     BIGINT NOT NULL,
    source_file VARCHAR NOT NULL
);

-- police.uk street records by month x area x police.uk category (ASB included as a category).
-- Dense over published months: a zero is a published zero. Force rows count every record the force
-- published, including those with no location or located outside its districts, so districts do
-- not sum to the force (see policeuk_unplaced). Districts and divisions hold records by LSOA code;
-- wards hold records by the ward their published point falls in (see policeuk_ward_unplaced).
CREATE TABLE policeuk_monthly (
    month       DATE NOT NULL,
    area_level  VARCHAR NOT NULL,
    area_code   VARCHAR NOT NULL,
    category    VARCHAR NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (month, area_level, area_code, category)
);

-- Records the force published that cannot be placed in one of its districts.
CREATE TABLE policeuk_unplaced (
    month       DATE NOT NULL,
    category    VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,            -- 'no location' | 'outside the force area'
    n           BIGINT NOT NULL
);

-- Records the force published that no ward holds (no location, or a point in no ward), by the district
-- their LSOA code places them in (NULL: no district either). Ward totals plus these make the force total.
CREATE TABLE policeuk_ward_unplaced (
    month         DATE NOT NULL,
    district_code VARCHAR,
    category      VARCHAR NOT NULL,
    n             BIGINT NOT NULL
);

-- The latest published month's records at police.uk's anonymised points (snapped to a set of map points),
-- by point and category, for ward maps. ward_code: the ward the point falls in; district_code: the district
-- the LSOA code places the record in. Points in no ward and no district are left out.
CREATE TABLE policeuk_point (
    month         DATE NOT NULL,
    category      VARCHAR NOT NULL,
    lon           DOUBLE NOT NULL,
    lat           DOUBLE NOT NULL,
    ward_code     VARCHAR,
    district_code VARCHAR,
    n             BIGINT NOT NULL
);

-- The finer grain for hotspot maps: small area (LSOA, as published) x month x category.
-- Sparse: a missing row in a published month means zero records.
CREATE TABLE policeuk_lsoa_monthly (
    month       DATE NOT NULL,
    lsoa_code   VARCHAR NOT NULL,
    district_code VARCHAR NOT NULL,
    category    VARCHAR NOT NULL,
    n           BIGINT NOT NULL
);

-- Last outcome (as at download) by month x area x category. Sparse. ASB has no outcome.
CREATE TABLE policeuk_outcomes (
    month       DATE NOT NULL,
    area_level  VARCHAR NOT NULL,            -- 'force' | 'district'
    area_code   VARCHAR NOT NULL,
    category    VARCHAR NOT NULL,
    outcome     VARCHAR NOT NULL,
    outcome_group VARCHAR NOT NULL,          -- see lancs_dash/load/policeuk.py OUTCOME_GROUPS
    n           BIGINT NOT NULL
);

-- police.uk national counts, all forces, for comparisons (already aggregated at source).
CREATE TABLE national_monthly (
    month       DATE NOT NULL,
    force_slug  VARCHAR NOT NULL,
    force_name  VARCHAR NOT NULL,
    category    VARCHAR NOT NULL,
    n           BIGINT NOT NULL
);

-- Which force files were present in which month (absent forces are missing, not zero).
CREATE TABLE national_coverage (
    month       DATE NOT NULL,
    force_slug  VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,            -- 'present' | 'missing_over_size_limit' | ...
    records     BIGINT,
    PRIMARY KEY (month, force_slug)
);

-- STATS19 road collisions: months published.
CREATE TABLE stats19_month (
    month       DATE PRIMARY KEY,
    collisions  BIGINT NOT NULL
);

-- STATS19 collisions (and the casualties in them) by month x area x collision severity. Dense.
CREATE TABLE stats19_monthly (
    month       DATE NOT NULL,
    area_level  VARCHAR NOT NULL,
    area_code   VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,            -- 'Fatal' | 'Serious' | 'Slight'
    collisions  BIGINT NOT NULL,
    casualties  BIGINT NOT NULL,
    PRIMARY KEY (month, area_level, area_code, severity)
);

-- Published figures (official/), one row per figure, each keeping its source.
CREATE TABLE official_figure (
    source_file VARCHAR NOT NULL,
    area_code   VARCHAR NOT NULL,
    area_name   VARCHAR NOT NULL,
    measure     VARCHAR NOT NULL,
    period      VARCHAR NOT NULL,
    value       DOUBLE,                      -- NULL when the figure is text (e.g. an inspection grade)
    value_text  VARCHAR NOT NULL,            -- exactly as published
    unit        VARCHAR NOT NULL,
    source_url  VARCHAR NOT NULL
);

-- What was loaded: one row per file read.
CREATE TABLE provenance (
    source      VARCHAR NOT NULL,            -- 'policeuk', 'stats19', ...
    file        VARCHAR NOT NULL,            -- path relative to the folder loaded from
    sha256      VARCHAR NOT NULL,
    rows_read   BIGINT NOT NULL,
    rows_kept   BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    period_from VARCHAR,
    period_to   VARCHAR,
    note        VARCHAR NOT NULL,
    loaded_at   TIMESTAMP NOT NULL
);

-- Rows read but not counted, with the reason, per file.
CREATE TABLE rejection (
    source      VARCHAR NOT NULL,
    file        VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    rows        BIGINT NOT NULL,
    example_row BIGINT                       -- first data row (1 = first row after the header)
);

-- Months present and missing per monthly source, between its first and last month.
CREATE TABLE coverage (
    source      VARCHAR NOT NULL,
    month       DATE NOT NULL,
    status      VARCHAR NOT NULL,            -- 'present' | 'missing'
    PRIMARY KEY (source, month)
);

-- What each refresh changed (lancs_dash/load/refresh.py), newest last; carried from one refresh to the next
-- and published as changes.csv. change: 'added' (a month new to the database), 'revised' (a month police.uk
-- republished with different figures: previous and new force records), 'source' (a file read).
CREATE TABLE release_note (
    released_at TIMESTAMP NOT NULL,
    change      VARCHAR NOT NULL,
    month       VARCHAR,                     -- YYYY-MM; NULL for 'source'
    previous    BIGINT,                      -- force records (crimes and ASB) before the refresh
    new         BIGINT,                      -- after it
    difference  BIGINT,
    detail      VARCHAR NOT NULL
);

-- Build facts: built_at, built_from, loader version.
CREATE TABLE meta (
    key         VARCHAR PRIMARY KEY,
    value       VARCHAR NOT NULL
);

-- police.uk force-file slug -> police force area (PFA), matched by name by lancs_dash/load/forces.py
-- (slug or police.uk "Falls within" name against the PFA names in population level 'pfa';
-- '&' read as 'and', 'Police'/'Constabulary'/'Service' dropped, ONS 'London, City of' un-inverted).
-- pfa_code is NULL for files with no PFA (British Transport Police, Northern Ireland).
CREATE TABLE force_map (
    force_slug  VARCHAR PRIMARY KEY,
    force_name  VARCHAR NOT NULL,            -- as police.uk writes it ("Falls within"); the slug if never published
    pfa_code    VARCHAR,                     -- ONS PFA code (E23..., W15...)
    pfa_name    VARCHAR,
    matched_by  VARCHAR NOT NULL             -- 'slug' | 'police.uk name' | why there is no match
);

-- Postcode (upper case, no spaces) -> district and ward, for "Find my area". From the ONS postcode directory
-- cut in lookups/postcode_to_lad_lancs14.csv; includes terminated postcodes (the source has no flag).
CREATE TABLE postcode (
    postcode      VARCHAR PRIMARY KEY,
    district_code VARCHAR NOT NULL,
    ward_code     VARCHAR                    -- the ward the postcode's point falls in; NULL if none
);

-- Home Office police recorded crime by force x financial year x quarter x offence group/subgroup
-- (summed over offence codes). The only open source separating sexual offences and stalking &
-- harassment. Force names as the Home Office writes them (e.g. 'Lancashire'); includes national
-- bodies such as Action Fraud.
CREATE TABLE homeoffice_recorded (
    force_name       VARCHAR NOT NULL,
    financial_year   VARCHAR NOT NULL,       -- e.g. '2017/18' (April to March)
    quarter          INTEGER NOT NULL,       -- 1 = Apr-Jun ... 4 = Jan-Mar
    quarter_start    DATE NOT NULL,          -- first month of the quarter
    offence_group    VARCHAR NOT NULL,
    offence_subgroup VARCHAR NOT NULL,
    n                BIGINT NOT NULL,
    PRIMARY KEY (force_name, financial_year, quarter, offence_group, offence_subgroup)
);

-- Groups of police force areas to compare a force with, as published (lancs_dash/load/groups.py), one row
-- per member. kind 'most_similar': the Home Office most similar group of the force `listed_for`;
-- kind 'region': a region, the group of every member (listed_for NULL).
CREATE TABLE comparison_group (
    kind        VARCHAR NOT NULL,            -- 'most_similar' | 'region'
    group_name  VARCHAR NOT NULL,            -- e.g. 'Home Office most similar group (as listed June 2015)'
    listed_for  VARCHAR,                     -- PFA code of the force whose most similar group it is
    pfa_code    VARCHAR NOT NULL,            -- the member's ONS PFA code
    force_name  VARCHAR NOT NULL,            -- the member as the source names it
    as_of       VARCHAR NOT NULL,            -- when the list was in use, e.g. 'June 2015'
    listed_in   VARCHAR NOT NULL,            -- the published table it comes from
    source_url  VARCHAR NOT NULL,
    PRIMARY KEY (kind, group_name, pfa_code)
);

-- A few Census 2021 indicators of every police force area, from the local authority profile (2021
-- authorities placed in force areas by the 2024 lookups; lancs_dash/load/groups.py says how).
CREATE TABLE force_profile (
    pfa_code    VARCHAR NOT NULL,
    pfa_name    VARCHAR NOT NULL,            -- as the ONS lookup names it (e.g. 'London, City of')
    indicator   VARCHAR NOT NULL,            -- 'residents' | 'density' | 'aged_15_24_pct' | ...
    title       VARCHAR NOT NULL,
    value       DOUBLE NOT NULL,
    authorities INTEGER NOT NULL,            -- local authorities (2021) summed
    method      VARCHAR NOT NULL,
    PRIMARY KEY (pfa_code, indicator)
);

-- National geography of England and Wales (lancs_dash/load/boundaries.py), from which the areas of any force
-- are taken. Local authority districts of each LSOA-lookup vintage (2019, 2022, 2024: the April-to-March year
-- the lookup describes) with their police force area and the years they existed (ONS TopoJSON start/end).
CREATE TABLE nat_district (
    vintage     INTEGER NOT NULL,            -- 2019 | 2022 | 2024
    area_code   VARCHAR NOT NULL,
    area_name   VARCHAR NOT NULL,
    pfa_code    VARCHAR NOT NULL,
    start_year  INTEGER NOT NULL,            -- first year in force (2014 = in force when the TopoJSON starts)
    end_year    INTEGER NOT NULL,            -- last year in force (2025 = still in force)
    PRIMARY KEY (vintage, area_code)
);

-- Simplified outline of every district in nat_district (GeoJSON geometry text).
CREATE TABLE nat_outline (
    area_code   VARCHAR PRIMARY KEY,
    geometry    VARCHAR NOT NULL
);

-- LSOA (2011 or 2021 code) -> district of a vintage. LSOAs whose successors lie in two districts are absent.
-- One row per (code, lv, dv), as the loader groups them; no index, as 175,000 rows are copied into every load.
CREATE TABLE nat_lsoa (
    code        VARCHAR NOT NULL,
    lv          INTEGER NOT NULL,            -- LSOA vintage: 2011 | 2021
    name        VARCHAR NOT NULL,
    dv          INTEGER NOT NULL,            -- district vintage, as nat_district.vintage
    district    VARCHAR NOT NULL
);

-- Census 2021 usual residents per district; districts created later get their predecessors' sum (derived).
CREATE TABLE nat_population (
    area_code   VARCHAR PRIMARY KEY,
    area_name   VARCHAR NOT NULL,
    population  BIGINT NOT NULL,
    source      VARCHAR NOT NULL
);

-- Police force areas of England and Wales (2024) and their police.uk slugs (lancs_dash/load/forces.name_key).
CREATE TABLE nat_pfa (
    pfa_code    VARCHAR PRIMARY KEY,
    pfa_name    VARCHAR NOT NULL,            -- as ONS writes it ('London, City of')
    force_slug  VARCHAR NOT NULL
);
