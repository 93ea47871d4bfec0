"""Data and downloads: build an extract, read the data dictionary, link to the standard files, and see
exactly what was loaded."""

import streamlit as st

from lancs_dash import changes, dictionary, reconcile, registry
from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.ui import components as ui
from lancs_dash.ui import data, downloads, urlstate

v = data.version()
months = downloads.months(v)
measure_ids = list(registry.MEASURES)

st.title("Data and downloads")
st.markdown(
    "Get, check and cite the numbers behind this dashboard. Every file is UTF-8 CSV (or Parquet) with ISO months "
    "(YYYY-MM), plain numbers and the source and licence in a column. Months that were not published are absent "
    f"rows, never zeros. {ATTRIBUTION}")

st.header("Build an extract")
st.caption("Your choices are kept in the page address, so you can share or bookmark this exact extract.")
urlstate.notice_unknown("measures", [downloads.measure_title(m) for m in measure_ids], "measure")
urlstate.notice_unknown("level", [downloads.level_label(lvl) for lvl in registry.AREA_LEVELS], "area level")
urlstate.notice_unknown("from", months, "first month")
urlstate.notice_unknown("to", months, "last month")
chosen = st.multiselect("Measures", measure_ids, default=["crimes"], format_func=downloads.measure_title,
                        key="measures", bind="query-params")
level = st.selectbox("Area level", registry.AREA_LEVELS, index=2, format_func=downloads.level_label, key="level",
                     bind="query-params")
cols = st.columns(2)
start = cols[0].selectbox("From month", months, index=0, key="from", bind="query-params")
end = cols[1].selectbox("To month", months, index=len(months) - 1, key="to", bind="query-params")
if start > end:
    st.warning("'From month' is after 'To month', so the two have been swapped for this extract.")
    start, end = end, start

if not chosen:
    st.info("Choose at least one measure to build an extract.")
else:
    extract = downloads.extract(tuple(chosen), level, start, end, v)
    stem = downloads.file_stem(tuple(chosen), level, start, end)
    st.markdown(f"**Preview:** {len(extract):,} rows, {start} to {end}"
                + (" (first 1,000 shown)." if len(extract) > 1000 else "."))
    if extract.empty:
        st.info("No figures were published for these measures in these months (months not published are "
                "absent, never zeros). Choose a wider period.")
    ui.data_table(extract.head(1000))
    cols = st.columns(2)
    cols[0].download_button("Download extract (CSV)", downloads.csv_bytes(extract), file_name=f"{stem}.csv",
                            mime="text/csv", on_click="ignore", key="download-extract-csv", icon=":material/download:")
    cols[1].download_button("Download extract (Parquet)", downloads.parquet_bytes(extract), file_name=f"{stem}.parquet",
                            mime="application/vnd.apache.parquet", on_click="ignore", key="download-extract-parquet",
                            icon=":material/download:")

st.header("Data dictionary")
st.markdown(f"Every measure and every column, with its definition, unit, source, licence and known limitations. "
            f"{dictionary.SUPPRESSION_NOTE} Licence: {LICENCE}.")
glossary = dictionary.frame()
ui.data_table(glossary)
st.download_button("Download the data dictionary (CSV)", downloads.csv_bytes(glossary), file_name="dictionary.csv",
                   mime="text/csv", on_click="ignore", key="download-dictionary", icon=":material/download:")

st.header("Stable links")
st.markdown(
    f"The standard extracts are published as files with fixed addresses, regenerated with every data refresh, for "
    f"linking and scripting. [`{downloads.STATIC_URL}/index.csv`]({downloads.STATIC_URL}/index.csv) lists every "
    f"file with its months, rows and SHA-256; `{downloads.STATIC_URL}/latest/<measure>_<level>.csv` always holds "
    f"the newest figures, e.g. [`latest/crimes_district.csv`]({downloads.STATIC_URL}/latest/crimes_district.csv); "
    f"[`dictionary.csv`]({downloads.STATIC_URL}/dictionary.csv) describes them.")
links = downloads.stable_links()
if links.empty:
    st.info("The standard files are being prepared; reload the page in a moment.")
else:
    ui.data_table(links, column_config={"link": st.column_config.LinkColumn("link"), "sha256": None})

st.header("What changed in the latest refresh")
notes = data.release_notes(v)
refreshed_at, latest = changes.latest(notes)
if not refreshed_at:
    st.markdown("No monthly refresh from police.uk has been recorded for this database yet: it was built from the "
                "files listed under 'Where the figures come from' below.")
else:
    st.markdown(f"Refreshed from police.uk on {refreshed_at[:10]} at {refreshed_at[11:16]} UTC. Months **added** "
                "are new; months **revised** are months police.uk published again with different figures "
                "(records are the force's crimes and ASB; the newer publication replaces the older).")
    st.table(latest.rename(columns={"change": "Change", "month": "Month", "previous": "Records before",
                                    "new": "Records now", "difference": "Difference", "detail": "What moved"}),
             hide_index=True)
st.download_button("Download every refresh's changes (CSV)", downloads.csv_bytes(notes), file_name="changes.csv",
                   mime="text/csv", on_click="ignore", key="download-changes", icon=":material/download:")

st.header("police.uk and the official statistics")
st.markdown(
    "This dashboard's crime counts are police.uk's street-level records. The official police recorded crime "
    "statistics give different totals for the same area and 12 months. Every official total we hold for the force "
    "area or a district is set beside police.uk's count wherever police.uk published all 12 of its months.")
reconciliation = data.reconciliation(v)
st.table(reconcile.display(reconciliation), hide_index=True)
st.caption(reconcile.DIFFERENCE_NOTE + " Official sources are in the CSV, with the official figures police.uk "
           "cannot be set beside and why.")
st.markdown(reconcile.WHY)
st.download_button("Download the reconciliation (CSV)", downloads.csv_bytes(reconciliation),
                   file_name="reconciliation.csv", mime="text/csv", on_click="ignore", key="download-reconciliation",
                   icon=":material/download:")

st.header("Where the figures come from")
for source in data.coverage_sources(v):
    st.markdown(f"**{downloads.SOURCE_LABELS.get(source, source)}.** {ui.data_statement(v, source)}")
st.markdown(f"Built from the {data.meta(v).get('built_from', 'unknown source')}; data last updated "
            f"{ui.last_updated(v)}. Each file read, with its rows and the months it covers:")
ui.data_table(downloads.provenance_table(v))
