"""The loader: raw open-data files -> aggregated DuckDB file (see build.py and schema.sql).

Bad input: stop, or count and carry on? A load stops (non-zero exit, message naming file, data row
and expectation, served database untouched) whenever the input may be damaged or misread, because
a figure built from it could be wrong without anyone knowing. Rows are passed over, counted and
reported in provenance only when the row is well-formed and the reason it is not counted is a
known, expected property of the open data. tests/test_bad_input.py holds one case for each line.

| input | decision | why |
|---|---|---|
| truncated or corrupt gzip / zip, empty file, header-only file | stop | the file is incomplete |
| zip member expanding past 2 GiB or >200x (when over 64 MiB) | stop | zip bomb; checked while extracting too |
| wrong delimiter, missing or renamed required column | stop | the file is not the format we know |
| extra columns | load | police.uk adds columns from time to time; ours are found by name |
| bytes that are not UTF-8, a row with more or fewer fields | stop | the file is damaged |
| month unparseable, blank, or later than the current month | stop | a date we cannot trust puts records in the wrong period |
| crime type not one of police.uk's 14 | stop | a new or misspelt category would silently vanish from totals |
| LSOA code malformed (not E01/W01 + 6 digits) | stop | a damaged code may hide a damaged row |
| LSOA code well-formed but outside the force's districts | force total only, reported | police.uk places some over the border |
| blank LSOA code | force total only, reported | police.uk publishes ~5 % of records without a location |
| coordinates outside the UK or not numbers | count, note in provenance | unused: records are placed by LSOA code |
| rows of another force in a file | not counted, note in provenance | national files hold every force |
| the same month in two files | counted from one file, note in provenance | the national month repeats the force's own records |
| 2011 and 2021 LSOA codes mixed in one file | load | police.uk switched vintages during the series; both are mapped |
| one LSOA in two districts across the 2011/2021 lookups | stop | records would be counted in two places |
| lookup with a malformed code or an unknown district | stop | the geography would be wrong everywhere |
| GeoJSON not valid, not a FeatureCollection, feature without code | stop | maps and LSOA points would be wrong |
| national counts: n negative or not a number, unknown type, bad month, repeated key | stop | comparisons would be wrong |
| national counts without the coverage file (or the reverse) | stop | a missing force would look like zero crime |
| population not a whole number above 0 | stop | every rate would be wrong |
| STATS19 collision outside the force's districts | not counted, in `rejection` | DfT places some by road, not area |
| STATS19 severity or date invalid; published figure without value or source | stop | the figure cannot be labelled or trusted |
| a folder with no police.uk street files | stop | there is nothing to refresh |
| `--force` slug of no territorial force of England and Wales | stop, listing the valid slugs | a typo loads nothing |
| a file named for another force (two forces mixed), or all reported by another | stop, naming the file | forces mixed |
| months crossing a district boundary change | force total always; districts only in their months; reported | never mix areas |
| --fetch: timeout, refused or dropped connection, HTTP 5xx | retry with backoff, then stop | the network is often briefly down |
| --fetch: HTTP 404, bad months list, not a zip, no force files, bad CRC, truncated | stop | untrustworthy download |
"""
