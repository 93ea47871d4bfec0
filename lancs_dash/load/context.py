"""What every source module needs while loading: the database, the input folder, CSV reading with
clear errors, and the provenance record."""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import sys
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

# police.uk files quote names containing commas; the sniffer mis-splits them without these. The
# delimiter and skip are pinned because the sniffer otherwise "finds" a header further down a file
# with a ragged row, or reads a semicolon file as if it were fine.
CSV_OPTIONS = "header=true, all_varchar=true, delim=',', skip=0, quote='\"', escape='\"', strict_mode=true"


class LoadError(Exception):
    """A problem with the input that stops the load. The message names file, row and expectation."""


def sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def diagnose_csv(path: Path) -> str | None:
    """Why DuckDB could not read a CSV, in words naming the data row; only run after a read failed."""
    record = 0

    def lines(binary):
        # UTF-8 never puts a newline byte inside a character, so decoding line by line is exact.
        for line in binary:
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as e:
                raise ValueError(f"data row {record + 1}: expected UTF-8 text, found the byte "
                                 f"{line[e.start:e.start + 1]!r}") from e

    try:
        with path.open("rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            rows = csv.reader(lines(gzip.open(raw) if gzipped else raw))
            width = len(next(rows, []))
            if not width:
                return "is empty; expected a comma-separated header row and data rows"
            for record, row in enumerate(rows, start=1):
                if len(row) != width:
                    return f"data row {record}: expected {width} comma-separated fields like the header row, found {len(row)}"
    except ValueError as e:
        return str(e)
    except (EOFError, OSError, zlib.error) as e:
        return f"expected a complete gzip-compressed CSV file; it is truncated or corrupt ({e})"
    except csv.Error as e:
        return f"data row {record + 1}: expected a well-formed CSV row ({e})"
    return None


@dataclass
class LoadContext:
    con: duckdb.DuckDBPyConnection
    root: Path | None  # raw data folder; None when building from the embedded default
    today: date = field(default_factory=date.today)
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))
    quiet: bool = False

    def progress(self, message: str) -> None:
        if not self.quiet:
            print(f"  {message}", file=sys.stderr, flush=True)

    def rel(self, path: Path) -> str:
        """A path as shown to people: relative to the input folder, never a machine path."""
        if self.root is not None:
            try:
                rel = path.resolve().relative_to(self.root.resolve()).as_posix()
                return path.name if rel == "." else rel  # loading a single file, such as a police.uk zip
            except ValueError:
                pass
        return path.name

    def run(self, script: str, params: dict | None = None) -> None:
        """Run several statements (split on ';' at line ends), each given only the parameters it uses."""
        for statement in re.split(r";\s*\n", script):
            if statement.strip():
                used = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
                self.con.execute(statement, used)

    def stage_csv(self, table: str, path: Path, required: list[str], label: str | None = None) -> int:
        """Read a CSV (plain or gzipped) into a temp table with a `line` column (1 = first data row).

        Fails with a LoadError naming the file if it cannot be read or lacks a required column.
        """
        label = label or self.rel(path)
        try:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {table} AS "
                f"SELECT row_number() OVER () AS line, * FROM read_csv($path, {CSV_OPTIONS})",
                {"path": str(path)},
            )
        except duckdb.Error as e:
            reason = diagnose_csv(path) or str(e).strip().splitlines()[0].replace(str(path), path.name)
            raise LoadError(f"{label}: {reason}") from e
        columns = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
        if columns == ["line", "column0"]:
            raise LoadError(f"{label}: is empty; expected a comma-separated header row and data rows")
        missing = [c for c in required if c not in columns]
        if missing:
            hint = " (the file looks separated by ';' or tabs; expected commas)" if len(columns) == 2 and re.search(
                "[;\t]", columns[1]) else ""
            raise LoadError(
                f"{label}: header row lacks the column(s) {', '.join(repr(c) for c in missing)}; "
                f"expected at least {', '.join(repr(c) for c in required)}, found "
                f"{', '.join(repr(c) for c in columns[1:])}{hint}"
            )
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if rows == 0:
            raise LoadError(f"{label}: has a header but no data rows")
        return rows

    def fail_on(self, table: str, condition: str, label: str, expectation: str, column: str, params=None) -> None:
        """Raise a LoadError for the first staged row matching `condition`, quoting the bad value."""
        row = self.con.execute(
            f"SELECT line, {column} FROM {table} WHERE {condition} ORDER BY line LIMIT 1", params or {}
        ).fetchone()
        if row:
            n = self.con.execute(f"SELECT count(*) FROM {table} WHERE {condition}", params or {}).fetchone()[0]
            more = f" ({n} rows like this)" if n > 1 else ""
            raise LoadError(f"{label}, data row {row[0]}: {expectation}, got {row[1]!r}{more}")

    def record(
        self,
        source: str,
        path: Path,
        rows_read: int,
        rows_kept: int,
        period: tuple[str | None, str | None] = (None, None),
        note: str = "",
        rejected: dict[str, tuple[int, int | None]] | None = None,
        label: str | None = None,
    ) -> None:
        """Add a provenance row for one file, and its rejected-row reasons."""
        label = label or self.rel(path)
        rejected = rejected or {}
        self.con.execute(
            "INSERT INTO provenance VALUES ($s, $f, $h, $r, $k, $x, $pf, $pt, $n, $at)",
            {
                "s": source, "f": label, "h": sha256(path), "r": rows_read, "k": rows_kept,
                "x": sum(n for n, _ in rejected.values()), "pf": period[0], "pt": period[1],
                "n": note, "at": self.loaded_at,
            },
        )
        for reason, (n, example) in rejected.items():
            if n:
                self.con.execute(
                    "INSERT INTO rejection VALUES ($s, $f, $r, $n, $e)",
                    {"s": source, "f": label, "r": reason, "n": n, "e": example},
                )

    def record_coverage(self, source: str, month_table: str) -> None:
        """Fill `coverage` for a source from its table of published months."""
        self.con.execute(
            f"""
            INSERT INTO coverage
            SELECT $s, m::DATE, CASE WHEN p.month IS NULL THEN 'missing' ELSE 'present' END
            FROM (SELECT min(month) lo, max(month) hi FROM {month_table}) b,
                 generate_series(b.lo, b.hi, INTERVAL 1 MONTH) g(m)
            LEFT JOIN {month_table} p ON p.month = m::DATE
            """,
            {"s": source},
        )
