"""Data and downloads: build an extract, read the data dictionary, link to the standard files, and see
exactly what was loaded."""

import streamlit as st

from lancs_dash.config import ATTRIBUTION, LICENCE
from lancs_dash.figures import dictionary, reconcile
from lancs_dash.figures.fmt import built_stamp
from lancs_dash.models import downloads
from lancs_dash.read import registry
from lancs_dash.ui import components as ui
from lancs_dash.ui import store, urlstate

snap = store.snapshot()
page = store.data_page(snap)
months = list(page.months)
measure_ids = list(registry.MEASURES)

st.title("Data and downloads")
st.markdown(
    "Get, check and cite the numbers behind this dashboard. Every file is UTF-8 CSV (or Parquet) with months written "
    "as YYYY-MM, plain numbers and the source and licence in a column. Months that were not published are absent "
    f"rows, never zeros. {ATTRIBUTION}")

st.header("Build an extract")
st.caption("Your choices are kept in the page address, so you can share or bookmark this exact extract.")


@st.fragment
def build_an_extract() -> None:
    # A fragment: changing a choice redraws the extract only.
    urlstate.notice_unknown("measures", [downloads.measure_title(m) for m in measure_ids], "measure")
    urlstate.notice_unknown("level", [downloads.level_label(lvl) for lvl in page.levels], "area level")
    urlstate.notice_unknown("from", months, "first month")
    urlstate.notice_unknown("to", months, "last month")
    chosen = st.multiselect("Measures", measure_ids, default=["crimes"], format_func=downloads.measure_title,
                            key="measures", bind="query-params")
    level = st.selectbox("Area level", page.levels, index=page.levels.index("district"), format_func=downloads.level_label,
                         key="level", bind="query-params")
    with st.container(horizontal=True):  # side by side, wrapping on a phone
        start = st.selectbox("From month", months, index=0, key="from", bind="query-params")
        end = st.selectbox("To month", months, index=len(months) - 1, key="to", bind="query-params")
    if start > end:
        st.warning("'From month' is after 'To month', so the two have been swapped for this extract.")
        start, end = end, start

    if not chosen:
        st.info("Choose at least one measure to build an extract.")
    else:
        built = store.extract(snap, tuple(chosen), level, start, end)
        extract, stem = built.frame, built.stem
        st.markdown(f"**Preview:** {len(extract):,} rows, {start} to {end}"
                    + (f" (first {downloads.PREVIEW_ROWS:,} shown)." if len(extract) > downloads.PREVIEW_ROWS else "."))
        if extract.empty:
            st.info("No figures were published for these measures in these months (months not published are "
                    "absent, never zeros). Choose a wider period.")
        ui.table(built.preview)
        row = st.container(horizontal=True)
        # The files are handed over when asked for (deferred): hashing them into every view would cost more.
        row.download_button("Download extract (CSV)", lambda: built.csv, file_name=f"{stem}.csv",
                            mime="text/csv", on_click="ignore", key="download-extract-csv", icon=":material/download:")
        row.download_button("Download extract (Parquet)", lambda: built.parquet, file_name=f"{stem}.parquet",
                            mime="application/vnd.apache.parquet", on_click="ignore", key="download-extract-parquet",
                            icon=":material/download:")


build_an_extract()

st.header("Data dictionary")
st.markdown(f"Every measure and every column, with its definition, unit, source, licence and known limitations. "
            f"{dictionary.SUPPRESSION_NOTE} Licence: {LICENCE}.")
ui.table_when_opened(f"Show the data dictionary ({len(page.dictionary.frame):,} rows)", page.dictionary, "dictionary")
st.download_button("Download the data dictionary (CSV)", page.dictionary.csv, file_name="dictionary.csv",
                   mime="text/csv", on_click="ignore", key="download-dictionary", icon=":material/download:")

st.header("Stable links")
st.markdown(
    f"The standard extracts are published as files with fixed addresses, regenerated with every data refresh, for "
    f"linking and scripting. [`{downloads.STATIC_URL}/index.csv`]({downloads.STATIC_URL}/index.csv) lists every "
    f"file with its months, rows and SHA-256; `{downloads.STATIC_URL}/latest/<measure>_<level>.csv` always holds "
    f"the newest figures, e.g. [`latest/crimes_district.csv`]({downloads.STATIC_URL}/latest/crimes_district.csv); "
    f"[`dictionary.csv`]({downloads.STATIC_URL}/dictionary.csv) describes them; "
    f"[`verdicts.csv`]({downloads.STATIC_URL}/verdicts.csv) gives every measure's comparison and status by area, as "
    "the pages state them.")
if page.links.frame.empty:
    st.info("The standard files are being prepared; reload the page in a moment.")
else:
    ui.table_when_opened(f"Show every standard file, with its link and months ({len(page.links.frame):,} files)",
                         page.links, "links", column_config={"link": st.column_config.LinkColumn("link"), "sha256": None})

st.header("What changed in the latest refresh")
if not page.refreshed_at:
    st.markdown("No monthly refresh from police.uk has been recorded for this database yet: it was built from the "
                "files listed under 'Where the figures come from' below.")
else:
    st.markdown(f"Refreshed from police.uk on {built_stamp({'built_at': page.refreshed_at})}. Months "
                "**added** are new; months **revised** are months police.uk published again with different figures "
                "(records are the force's crimes and ASB; the newer publication replaces the older).")
    st.table(page.latest_changes.shown, hide_index=True)
ui.download("Download every refresh's changes (CSV)", page.release_notes, "changes.csv", "download-changes")

st.header("police.uk and the official statistics")
st.markdown(
    "This dashboard's crime counts are police.uk's street-level records. The official police recorded crime "
    "statistics give different totals for the same area and 12 months. Every official total we hold for the force "
    "area or a district is set beside police.uk's count wherever police.uk published all 12 of its months.")
st.table(page.reconciliation_shown.shown, hide_index=True)
st.caption(reconcile.DIFFERENCE_NOTE + " Official sources are in the CSV, with the official figures police.uk "
           "cannot be set beside and why.")
st.markdown(reconcile.why(snap.force.name))
ui.download("Download the reconciliation (CSV)", page.reconciliation, "reconciliation.csv", "download-reconciliation")

st.header("Where the figures come from")
st.markdown("\n\n".join((*page.sources, f"Built from the {page.site.built_from}; data last updated {page.site.built}.")))
ui.table_when_opened(f"Show each file read, with its rows and the months it covers ({len(page.provenance.frame):,} files)",
                     page.provenance, "provenance")
